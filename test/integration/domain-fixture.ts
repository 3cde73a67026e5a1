import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '../../src/lib/server/db/test-db';
import { createMetric } from '../../src/lib/server/domain/metrics/definitions';
import { createGoal } from '../../src/lib/server/domain/goals/service';

export const NOW = new Date('2025-03-21T12:00:00Z');
export const ACTOR = { actorId: null, reason: 'test setup', now: NOW };

export type DomainFixture = {
	db: TestDatabase;
	em: () => EntityManager;
	orgId: string;
	people: { zhang: string; li: string };
	unitId: string;
	goals: { company: string; sales: string; zhangKr: string; liKr: string };
	query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
};

/** An organisation with a sales unit, two sellers, a sales metric and a small cascade. */
export async function setupDomain(): Promise<DomainFixture> {
	const db = await createTestDatabase();
	const em = () => db.orm.em.fork();
	const query = <T>(sql: string, params: unknown[] = []) =>
		em().getConnection().execute<T[]>(sql, params);
	const orgId = randomUUID();
	const unitId = randomUUID();
	const people = { zhang: randomUUID(), li: randomUUID() };
	await query('insert into organisation (id, organisation_id, name) values (?, ?, ?)', [
		orgId,
		orgId,
		'Test org'
	]);
	await query(
		`insert into org_unit (id, organisation_id, kind, name) values (?, ?, 'department', 'Sales')`,
		[unitId, orgId]
	);
	await query(
		'insert into employee (id, organisation_id, name, email, unit_id) values (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)',
		[
			people.zhang,
			orgId,
			'Zhang San',
			'zhang@example.test',
			unitId,
			people.li,
			orgId,
			'Li Si',
			'li@example.test',
			unitId
		]
	);
	await createMetric(em(), orgId, {
		key: 'sales',
		name: { en: 'Sales' },
		unit: { kind: 'currency', code: 'CNY', decimals: 0 },
		aggregation: 'sum',
		period: 'month',
		direction: 'higher_is_better'
	});
	const dates = { startDate: '2025-03-01', dueDate: '2025-03-31' };
	const company = await createGoal(
		em(),
		orgId,
		{
			kind: 'objective',
			title: { en: 'Revenue +30%' },
			owner: { kind: 'unit', id: unitId },
			parentId: null,
			weight: 1,
			...dates
		},
		ACTOR
	);
	const sales = await createGoal(
		em(),
		orgId,
		{
			kind: 'objective',
			title: { en: 'Sales 20M' },
			owner: { kind: 'unit', id: unitId },
			parentId: company.id,
			weight: 1,
			...dates
		},
		ACTOR
	);
	const kr = (owner: string, title: string) =>
		createGoal(
			em(),
			orgId,
			{
				kind: 'key_result',
				title: { en: title },
				owner: { kind: 'person', id: owner },
				parentId: sales.id,
				weight: 1,
				...dates,
				metric: {
					metricKey: 'sales',
					baseline: 0,
					target: 10_000_000,
					window: { kind: 'calendar', period: 'month' }
				}
			},
			ACTOR
		);
	const zhangKr = await kr(people.zhang, '10M a month');
	const liKr = await kr(people.li, '10M a month (Li)');
	return {
		db,
		em,
		orgId,
		people,
		unitId,
		goals: { company: company.id, sales: sales.id, zhangKr: zhangKr.id, liKr: liKr.id },
		query
	};
}

export async function progressOf(fixture: DomainFixture, goalId: string): Promise<number> {
	const rows = await fixture.query<{ progress: number }>('select progress from goal where id = ?', [
		goalId
	]);
	return Number(rows[0]?.progress);
}
