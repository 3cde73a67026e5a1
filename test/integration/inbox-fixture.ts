import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '../../src/lib/server/db/test-db';
import { configureRuntime } from '../../src/lib/server/runtime/engine-port';
import { realEngine } from '../../src/lib/server/runtime/real-engine';
import { getRegistry } from '../../src/lib/server/plugins';
import { importDefinition } from '../../src/lib/server/definitions/service';
import { startInstance } from '../../src/lib/server/runtime/start';
import { createMemoryKeyring, generateKey, setKeyring } from '../../src/lib/server/crypto/keyring';
import type { Actor } from '../../src/lib/server/policy/types';

export const T0 = new Date('2025-01-06T09:00:00Z');

export type InboxFixture = {
	db: TestDatabase;
	em: () => EntityManager;
	orgId: string;
	people: { zhang: string; sun: string; he: string; wang: string };
	actors: { zhang: Actor; sun: Actor; he: Actor; wang: Actor };
	query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
	startCycle: (subjectId?: string) => Promise<{ instanceId: string; taskId: string }>;
};

/** A fresh database with the annual cycle, Zhang San, his manager Sun Li and He Min of HR. */
export async function setupInboxFixture(): Promise<InboxFixture> {
	configureRuntime({ engine: realEngine, registry: await getRegistry() });
	setKeyring(createMemoryKeyring([generateKey()]));
	const db = await createTestDatabase();
	const em = () => db.orm.em.fork();
	const query = <T>(sql: string, params: unknown[] = []) =>
		em().getConnection().execute<T[]>(sql, params);
	const orgId = randomUUID();
	await query('insert into organisation (id, organisation_id, name) values (?, ?, ?)', [
		orgId,
		orgId,
		'Qihang'
	]);
	const people = { he: randomUUID(), sun: randomUUID(), zhang: randomUUID(), wang: randomUUID() };
	const insert = (id: string, name: string, email: string, managerId: string | null) =>
		query(
			'insert into employee (id, organisation_id, name, email, manager_id) values (?, ?, ?, ?, ?)',
			[id, orgId, name, email, managerId]
		);
	await insert(people.he, 'He Min', 'he.min@example.test', null);
	await insert(people.sun, 'Sun Li', 'sun.li@example.test', null);
	await insert(people.zhang, 'Zhang San', 'zhang.san@example.test', people.sun);
	await insert(people.wang, 'Wang Wu', 'wang.wu@example.test', people.zhang);
	const actor = (employeeId: string, roles: Actor['grants'][number]['role'][]): Actor => ({
		accountId: randomUUID(),
		organisationId: orgId,
		employeeId,
		grants: roles.map((role) => ({ role, scopeUnitId: null }))
	});
	const actors = {
		zhang: actor(people.zhang, ['manager']),
		sun: actor(people.sun, ['manager']),
		he: actor(people.he, ['hr']),
		wang: actor(people.wang, [])
	};
	const content = JSON.parse(
		readFileSync('workflows/annual-performance-cycle.workflow.json', 'utf8')
	);
	const imported = await importDefinition({ em: em(), orgId, content, now: T0 });
	if (!imported.ok) throw new Error(`annual cycle refused: ${JSON.stringify(imported.issues)}`);
	const startCycle = async (subjectId: string = people.zhang) => {
		const started = await startInstance({
			em: em(),
			orgId,
			definitionSlug: 'annual-performance-cycle',
			subjectId,
			now: T0
		});
		const taskId = started.openTasks[0]?.id;
		if (!taskId) throw new Error('no goal-setting task opened');
		return { instanceId: started.instanceId, taskId };
	};
	return { db, em, orgId, people, actors, query, startCycle };
}

/** FormData from a plain record (repeated keys for arrays). */
export function formOf(fields: Record<string, string | string[]>): FormData {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) {
		for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
	}
	return form;
}
