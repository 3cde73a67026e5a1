import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, setupApi, NOW, type ApiFixture } from './api-fixture';
import * as metrics from '../../src/routes/api/metrics/+server';
import * as metric from '../../src/routes/api/metrics/[key]/+server';
import * as series from '../../src/routes/api/metrics/[key]/series/+server';
import * as values from '../../src/routes/api/metrics/values/+server';
import * as weightings from '../../src/routes/api/weightings/+server';
import * as swap from '../../src/routes/api/weightings/swap/+server';
import * as evaluations from '../../src/routes/api/evaluations/+server';
import * as evaluation from '../../src/routes/api/evaluations/[id]/+server';
import { openEvaluations } from '../../src/lib/server/domain/scoring/evaluations';

let f: ApiFixture;
const salesMetric = {
	key: 'sales',
	name: { en: 'Sales' },
	unit: { kind: 'currency', code: 'CNY', decimals: 0 },
	aggregation: 'sum',
	period: 'month',
	direction: 'higher_is_better'
};

beforeAll(async () => {
	f = await setupApi();
});
afterAll(async () => {
	await f?.close();
});

describe('metric definitions', () => {
	it('lets only admins define metrics; a taken key is 409, a bad key 400 at key', async () => {
		const refused = await call(f.actors.zhang, 'POST', '/api/metrics', metrics.POST, {
			body: salesMetric
		});
		expect(refused.status).toBe(403);
		const made = await call(f.actors.admin, 'POST', '/api/metrics', metrics.POST, {
			body: salesMetric
		});
		expect(made.status).toBe(201);
		const again = await call(f.actors.admin, 'POST', '/api/metrics', metrics.POST, {
			body: salesMetric
		});
		expect(again.status).toBe(409);
		const bad = await call(f.actors.admin, 'POST', '/api/metrics', metrics.POST, {
			body: { ...salesMetric, key: 'Sales Total' }
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error).toMatchObject({ path: 'key' });
	});

	it('lists and changes definitions', async () => {
		const list = await call(f.actors.wang, 'GET', '/api/metrics', metrics.GET);
		expect((list.body.metrics as { key: string }[]).map((m) => m.key)).toEqual(['sales']);
		const changed = await call(f.actors.admin, 'PATCH', '/api/metrics/[key]', metric.PATCH, {
			params: { key: 'sales' },
			body: { name: { en: 'Net sales' } }
		});
		expect(changed.body).toMatchObject({ metric: { name: { en: 'Net sales' }, version: 2 } });
		const formula = await call(f.actors.admin, 'PATCH', '/api/metrics/[key]', metric.PATCH, {
			params: { key: 'sales' },
			body: { formula: 'sales * 2' }
		});
		expect(formula.status).toBe(400);
		const missing = await call(f.actors.admin, 'PATCH', '/api/metrics/[key]', metric.PATCH, {
			params: { key: 'nope' },
			body: { name: 'x' }
		});
		expect(missing.status).toBe(404);
	});
});

describe('POST /api/metrics/values', () => {
	const row = (i: number, value: number | string, person = f.people.zhang) => ({
		metric: 'sales',
		person,
		date: `2025-03-${String(i + 1).padStart(2, '0')}`,
		value,
		sourceId: `erp-${i}`
	});
	const stored = async () =>
		(
			await f.query<{ n: number }>(
				'select count(*)::int as n from metric_value where organisation_id = ?',
				[f.orgId]
			)
		)[0]?.n;

	it('answers 422 with each rejected row and stores nothing; ?partial=1 stores the good rows', async () => {
		const body = { values: [row(0, 1_000_000), row(1, 'lots'), row(2, 5, 'nobody@example.test')] };
		const refused = await call(f.actors.admin, 'POST', '/api/metrics/values', values.POST, {
			body
		});
		expect(refused.status).toBe(422);
		const rejected = (refused.body.error as { rejected: { line: number; reason: string }[] })
			.rejected;
		expect(rejected.map((r) => r.line)).toEqual([1, 2]);
		expect(await stored()).toBe(0);
		const partial = await call(f.actors.admin, 'POST', '/api/metrics/values', values.POST, {
			body,
			query: { partial: '1' }
		});
		expect(partial.status).toBe(200);
		expect(partial.body).toMatchObject({ ok: true, inserted: 1 });
		expect(await stored()).toBe(1);
	});

	it('changes nothing when the same source ids come again; takes one value and CSV', async () => {
		const again = await call(f.actors.admin, 'POST', '/api/metrics/values', values.POST, {
			body: { values: [row(0, 1_000_000)] }
		});
		expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
		const single = await call(f.actors.admin, 'POST', '/api/metrics/values', values.POST, {
			body: row(3, 2_000_000)
		});
		expect(single.body).toMatchObject({ inserted: 1 });
		const csv = await call(f.actors.admin, 'POST', '/api/metrics/values', values.POST, {
			contentType: 'text/csv',
			body: `metric,person,date,value,source_id\nsales,${f.people.li},2025-03-05,7000000,crm-1\n`
		});
		expect(csv.body).toMatchObject({ inserted: 1 });
	});

	it('refuses a value without a subject at its path, anonymous callers and employees', async () => {
		const noSubject = await call(f.actors.admin, 'POST', '/api/metrics/values', values.POST, {
			body: { values: [{ metric: 'sales', date: '2025-03-01', value: 1 }] }
		});
		expect(noSubject.status).toBe(400);
		expect(noSubject.body.error).toMatchObject({ path: 'values.0.person' });
		expect((await call(null, 'POST', '/api/metrics/values', values.POST)).status).toBe(401);
		expect(
			(await call(f.actors.zhang, 'POST', '/api/metrics/values', values.POST, { body: row(0, 1) }))
				.status
		).toBe(403);
	});

	it('gives a person’s series by day', async () => {
		const r = await call(f.actors.wang, 'GET', '/api/metrics/[key]/series', series.GET, {
			params: { key: 'sales' },
			query: { subject: f.people.zhang, from: '2025-03-01', to: '2025-03-21', period: 'day' }
		});
		expect(r.status).toBe(200);
		const buckets = r.body.buckets as { value: number }[];
		expect(buckets.reduce((s, b) => s + b.value, 0)).toBe(3_000_000);
		const bad = await call(f.actors.wang, 'GET', '/api/metrics/[key]/series', series.GET, {
			params: { key: 'sales' },
			query: { subject: f.people.zhang, from: 'March' }
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error).toMatchObject({ path: 'from' });
	});
});

describe('weightings and evaluations', () => {
	const scheme = (weights: [number, number]) => ({
		key: 'growth',
		name: 'Growth',
		effectiveFrom: '2025-01-01',
		items: [
			{
				key: 'sales',
				label: 'Sales',
				source: { kind: 'metric', metricKey: 'sales' },
				weight: weights[0]
			},
			{
				key: 'goals',
				label: 'Goals',
				source: { kind: 'goal_category', category: 'sales' },
				weight: weights[1]
			}
		],
		bands: [
			{ grade: 'good', minScore: 60, label: 'Good' },
			{ grade: 'below', minScore: 0, label: 'Below' }
		]
	});

	it('refuses weights that do not sum to 100, publishes and swaps', async () => {
		const wrong = await call(f.actors.admin, 'POST', '/api/weightings', weightings.POST, {
			body: scheme([60, 30])
		});
		expect(wrong.status).toBe(400);
		expect(JSON.stringify(wrong.body)).toContain('90');
		const published = await call(f.actors.admin, 'POST', '/api/weightings', weightings.POST, {
			body: scheme([60, 40])
		});
		expect(published.status).toBe(201);
		await openEvaluations(f.app.orm.em.fork(), f.orgId, { cycle: '2025', now: NOW });
		await f.query(
			`update evaluation set status = 'finalised' where organisation_id = ? and employee_id = ?`,
			[f.orgId, f.people.li]
		);
		const refused = await call(f.actors.hr, 'POST', '/api/weightings/swap', swap.POST, {
			body: { ...scheme([50, 50]), why: 'profit strategy' }
		});
		expect(refused.status).toBe(403);
		const swapped = await call(f.actors.admin, 'POST', '/api/weightings/swap', swap.POST, {
			body: { ...scheme([50, 50]), why: 'profit strategy' }
		});
		expect(swapped.status, JSON.stringify(swapped.body)).toBe(200);
		expect(swapped.body).toMatchObject({ rescored: 4, leftFinalised: 1, scheme: { version: 2 } });
		const list = await call(f.actors.wang, 'GET', '/api/weightings', weightings.GET);
		expect((list.body.schemes as unknown[]).length).toBe(2);
	});

	it('lists only the evaluations the actor may read', async () => {
		const seen = async (actor: keyof ApiFixture['actors']) => {
			const r = await call(f.actors[actor], 'GET', '/api/evaluations', evaluations.GET);
			expect(r.status).toBe(200);
			return (r.body.evaluations as { employeeId: string }[]).map((e) => e.employeeId).sort();
		};
		expect(await seen('zhang')).toEqual([f.people.zhang]);
		expect(await seen('wang')).toEqual([f.people.wang]);
		expect(await seen('boss')).toEqual([f.people.boss, f.people.li, f.people.zhang].sort());
		expect(await seen('hr')).toHaveLength(5);
		// An admin account with no employee record and no hr grant reads nobody's evaluation.
		expect(await seen('admin')).toEqual([]);
	});

	it('answers 404 for an evaluation the actor may not read, as for one that does not exist', async () => {
		const all = await call(f.actors.hr, 'GET', '/api/evaluations', evaluations.GET);
		const zhangs = (all.body.evaluations as { id: string; employeeId: string }[]).find(
			(e) => e.employeeId === f.people.zhang
		);
		const hidden = await call(f.actors.wang, 'GET', '/api/evaluations/[id]', evaluation.GET, {
			params: { id: zhangs?.id ?? '' }
		});
		expect(hidden.status).toBe(404);
		expect(JSON.stringify(hidden.body)).not.toContain(f.people.zhang);
		const own = await call(f.actors.zhang, 'GET', '/api/evaluations/[id]', evaluation.GET, {
			params: { id: zhangs?.id ?? '' }
		});
		expect(own.status).toBe(200);
		expect(own.body).toMatchObject({ evaluation: { employeeId: f.people.zhang } });
	});
});
