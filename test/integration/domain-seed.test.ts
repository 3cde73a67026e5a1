import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/lib/server/db/test-db';
import { seedDemoCompany } from '../../src/lib/server/seed/demo';
import { refId } from '../../src/lib/server/seed/ids';
import { listEvaluations } from '../../src/lib/server/domain/scoring/evaluations';

let db: TestDatabase;
const orgId = randomUUID();
beforeAll(async () => {
	db = await createTestDatabase();
	await db.orm.em
		.fork()
		.getConnection()
		.execute('insert into organisation (id, organisation_id, name) values (?, ?, ?)', [
			orgId,
			orgId,
			'Demo'
		]);
});
afterAll(async () => {
	await db?.close();
});

describe('demo company', () => {
	it('seeds once, with the stories visible', async () => {
		const summary = await seedDemoCompany(db.orm.em.fork(), { today: '2026-12-04', orgId });
		expect(summary.seeded).toBe(true);
		expect(summary.employees).toBeGreaterThanOrEqual(50);
		const again = await seedDemoCompany(db.orm.em.fork(), { today: '2026-12-04', orgId });
		expect(again.seeded).toBe(false);
		const zhang = refId(orgId, 'emp-zhang-san');
		const people = await db.orm.em
			.fork()
			.getConnection()
			.execute<{ name: string; manager_id: string | null }[]>(
				'select name, manager_id from employee where id = ?',
				[zhang]
			);
		expect(people[0]).toMatchObject({ name: 'Zhang San' });
		expect(people[0]?.manager_id).toBeTruthy();
		const evaluations = await listEvaluations(db.orm.em.fork(), orgId, {});
		expect(evaluations.length).toBe(summary.employees);
		const swaps = await db.orm.em
			.fork()
			.getConnection()
			.execute<{ n: number }[]>(
				'select count(*)::int as n from weighting_swap where organisation_id = ?',
				[orgId]
			);
		expect(swaps[0]?.n).toBe(1);
	});
});
