import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '../../src/lib/server/db/test-db';
import { configureRuntime } from '../../src/lib/server/runtime/engine-port';
import { importDefinition } from '../../src/lib/server/definitions/service';
import { testEngine, reviewLoopDefinition } from '../fixtures/test-engine';

export type Fixture = {
	db: TestDatabase;
	em: () => EntityManager;
	orgId: string;
	employeeId: string;
	managerId: string;
	versionId: string;
	query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
};

export const T0 = new Date('2025-03-01T09:00:00Z');

/** A fresh database with one organisation, a manager and a report, and the review-loop definition. */
export async function setupFixture(options: { poolMax?: number } = {}): Promise<Fixture> {
	configureRuntime({ engine: testEngine, registry: undefined });
	const db = await createTestDatabase(options);
	const em = () => db.orm.em.fork();
	const query = <T>(sql: string, params: unknown[] = []) =>
		em().getConnection().execute<T[]>(sql, params);
	const orgId = randomUUID();
	const managerId = randomUUID();
	const employeeId = randomUUID();
	await query('insert into organisation (id, organisation_id, name) values (?, ?, ?)', [
		orgId,
		orgId,
		'Test org'
	]);
	await query('insert into employee (id, organisation_id, name, email) values (?, ?, ?, ?)', [
		managerId,
		orgId,
		'Mia Manager',
		'mia@example.test'
	]);
	await query(
		'insert into employee (id, organisation_id, name, email, manager_id) values (?, ?, ?, ?, ?)',
		[employeeId, orgId, 'Eli Employee', 'eli@example.test', managerId]
	);
	const imported = await importDefinition({
		em: em(),
		orgId,
		content: reviewLoopDefinition,
		now: T0
	});
	if (!imported.ok) throw new Error('fixture definition refused');
	return { db, em, orgId, employeeId, managerId, versionId: imported.versionId, query };
}

export const isPostgres = Boolean(process.env.DATABASE_URL);
