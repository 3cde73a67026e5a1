import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, setupApi, type ApiFixture } from './api-fixture';
import * as goals from '../../src/routes/api/goals/+server';
import * as goal from '../../src/routes/api/goals/[id]/+server';
import * as people from '../../src/routes/api/people/+server';
import * as metrics from '../../src/routes/api/metrics/+server';

let f: ApiFixture;
const ids: Record<string, string> = {};
const dates = { startDate: '2025-03-01', dueDate: '2025-03-31' };

async function created(actor: keyof ApiFixture['actors'], body: Record<string, unknown>) {
	const r = await call(f.actors[actor], 'POST', '/api/goals', goals.POST, { body });
	expect(r.status, JSON.stringify(r.body)).toBe(201);
	return (r.body.goal as { id: string }).id;
}

beforeAll(async () => {
	f = await setupApi();
	const metric = await call(f.actors.admin, 'POST', '/api/metrics', metrics.POST, {
		body: {
			key: 'sales',
			name: { en: 'Sales', 'zh-CN': '销售额' },
			unit: { kind: 'currency', code: 'CNY', decimals: 0 },
			aggregation: 'sum',
			period: 'month',
			direction: 'higher_is_better'
		}
	});
	expect(metric.status).toBe(201);
	const unitGoal = (title: string, unit: string, parentId: string | null) => ({
		kind: 'objective',
		title,
		owner: { kind: 'unit', id: unit },
		parentId,
		...dates
	});
	ids.company = await created('hr', unitGoal('Revenue +30%', f.ids.company, null));
	ids.sales = await created('hr', unitGoal('Sales 20M', f.ids.sales, ids.company));
	ids.zhangKr = await created('zhang', {
		kind: 'key_result',
		title: { en: '10M a month', 'zh-CN': '每月一千万' },
		owner: { kind: 'person', id: f.people.zhang },
		parentId: ids.sales,
		...dates,
		metric: { metricKey: 'sales', baseline: 0, target: 10_000_000 }
	});
	ids.private = await created('zhang', {
		kind: 'objective',
		title: 'Get promoted',
		owner: { kind: 'person', id: f.people.zhang },
		visibility: 'private',
		...dates
	});
});
afterAll(async () => {
	await f?.close();
});

describe('GET /api/people', () => {
	it('lists everyone with manager, unit and job title', async () => {
		const r = await call(f.actors.wang, 'GET', '/api/people', people.GET);
		expect(r.status).toBe(200);
		const list = r.body.people as { id: string }[];
		expect(list).toHaveLength(5);
		expect(list.find((p) => p.id === f.people.zhang)).toMatchObject({
			name: 'Zhang San',
			jobTitle: 'Account executive',
			manager: { id: f.people.boss, name: 'Sun Boss' },
			unit: { id: f.ids.sales, name: 'Sales' }
		});
	});

	it('answers 401 without a session', async () => {
		expect((await call(null, 'GET', '/api/people', people.GET)).status).toBe(401);
	});
});

describe('GET /api/goals', () => {
	const listed = async (actor: keyof ApiFixture['actors']) => {
		const r = await call(f.actors[actor], 'GET', '/api/goals', goals.GET);
		expect(r.status).toBe(200);
		return (r.body.goals as { id: string }[]).map((g) => g.id);
	};

	it('shows visible goals across departments and private ones to the owner line and hr only', async () => {
		const all = [ids.company, ids.sales, ids.zhangKr, ids.private];
		expect((await listed('wang')).sort()).toEqual([ids.company, ids.sales, ids.zhangKr].sort());
		expect((await listed('zhang')).sort()).toEqual([...all].sort());
		expect((await listed('boss')).sort()).toEqual([...all].sort());
		expect((await listed('hr')).sort()).toEqual([...all].sort());
	});

	it('gives the cascade as a tree with progress', async () => {
		const r = await call(f.actors.wang, 'GET', '/api/goals', goals.GET, {
			query: { view: 'tree' }
		});
		const tree = r.body.tree as {
			id: string;
			progress: number;
			children: { id: string; children: { id: string }[] }[];
		}[];
		expect(tree.map((n) => n.id)).toEqual([ids.company]);
		expect(tree[0]?.children[0]?.children.map((n) => n.id)).toEqual([ids.zhangKr]);
		expect(typeof tree[0]?.progress).toBe('number');
	});

	it('refuses a malformed filter with its path', async () => {
		const r = await call(f.actors.wang, 'GET', '/api/goals', goals.GET, {
			query: { owner: 'nobody' }
		});
		expect(r.status).toBe(400);
		expect(r.body.error).toMatchObject({ code: 'bad_request', path: 'owner' });
	});
});

describe('GET /api/goals/[id]', () => {
	it('gives the report and the history', async () => {
		const r = await call(f.actors.wang, 'GET', '/api/goals/[id]', goal.GET, {
			params: { id: ids.zhangKr }
		});
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({
			goal: { id: ids.zhangKr, visibility: 'visible' },
			measured: { progress: 0 },
			history: [{ kind: 'create' }]
		});
		expect(typeof r.body.pace).toBe('number');
	});

	it('refuses a private goal outside the owner line (403) and answers 404 for an unknown one', async () => {
		const refused = await call(f.actors.wang, 'GET', '/api/goals/[id]', goal.GET, {
			params: { id: ids.private }
		});
		expect(refused.status).toBe(403);
		expect(JSON.stringify(refused.body)).not.toContain('promoted');
		const allowed = await call(f.actors.boss, 'GET', '/api/goals/[id]', goal.GET, {
			params: { id: ids.private }
		});
		expect(allowed.status).toBe(200);
		for (const id of ['0b7a4a56-0000-4000-8000-000000000000', 'not-a-goal']) {
			const missing = await call(f.actors.boss, 'GET', '/api/goals/[id]', goal.GET, {
				params: { id }
			});
			expect(missing.status).toBe(404);
		}
	});
});

describe('POST /api/goals', () => {
	it('answers 400 with the field path', async () => {
		const r = await call(f.actors.zhang, 'POST', '/api/goals', goals.POST, {
			body: {
				kind: 'key_result',
				title: 'x',
				owner: { kind: 'person', id: f.people.zhang },
				startDate: '2025-03-01',
				dueDate: 'soon',
				metric: { metricKey: 'sales', baseline: 0, target: 'a lot' }
			}
		});
		expect(r.status).toBe(400);
		expect(r.body.error).toMatchObject({ path: 'dueDate' });
		const paths = (r.body.error as { issues: { path: string }[] }).issues.map((i) => i.path);
		expect(paths).toContain('metric.target');
		const bad = await call(f.actors.zhang, 'POST', '/api/goals', goals.POST, { body: '{oops' });
		expect(bad.status).toBe(400);
	});

	it('refuses a goal for someone outside the actor line (403) and an unknown owner (400)', async () => {
		const body = {
			kind: 'objective',
			title: 'Not mine',
			owner: { kind: 'person', id: f.people.zhang },
			...dates
		};
		expect((await call(f.actors.wang, 'POST', '/api/goals', goals.POST, { body })).status).toBe(
			403
		);
		const unknown = await call(f.actors.hr, 'POST', '/api/goals', goals.POST, {
			body: { ...body, owner: { kind: 'person', id: '0b7a4a56-0000-4000-8000-000000000000' } }
		});
		expect(unknown.status).toBe(400);
		expect(unknown.body.error).toMatchObject({ path: 'owner.id' });
	});

	it('refuses an unknown metric with its path and stores nothing', async () => {
		const before = await f.query('select count(*)::int as n from goal where organisation_id = ?', [
			f.orgId
		]);
		const r = await call(f.actors.zhang, 'POST', '/api/goals', goals.POST, {
			body: {
				kind: 'key_result',
				title: 'Unknown metric',
				owner: { kind: 'person', id: f.people.zhang },
				parentId: ids.sales,
				...dates,
				metric: { metricKey: 'nope', baseline: 0, target: 1 }
			}
		});
		expect(r.status).toBe(400);
		expect(r.body.error).toMatchObject({ path: 'metric.metricKey' });
		const after = await f.query('select count(*)::int as n from goal where organisation_id = ?', [
			f.orgId
		]);
		expect(after).toEqual(before);
	});
});

describe('PATCH /api/goals/[id]', () => {
	it('re-targets with a reason and keeps the history', async () => {
		const r = await call(f.actors.boss, 'PATCH', '/api/goals/[id]', goal.PATCH, {
			params: { id: ids.zhangKr },
			body: { kind: 'retarget', target: 12_000_000, why: 'Strategy moved up' }
		});
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		expect(r.body).toMatchObject({ goal: { metric: { target: 12_000_000 } } });
		const report = await call(f.actors.zhang, 'GET', '/api/goals/[id]', goal.GET, {
			params: { id: ids.zhangKr }
		});
		expect((report.body.history as { kind: string; reason: string }[]).at(-1)).toMatchObject({
			kind: 'retarget',
			reason: 'Strategy moved up'
		});
	});

	it('records progress of a key result measured by hand and rolls it up', async () => {
		const objective = await created('zhang', {
			kind: 'objective',
			title: 'Grow one skill',
			owner: { kind: 'person', id: f.people.zhang },
			...dates
		});
		const course = await created('zhang', {
			kind: 'key_result',
			title: 'Finish two courses',
			owner: { kind: 'person', id: f.people.zhang },
			parentId: objective,
			...dates,
			manual: { target: 2 }
		});
		const r = await call(f.actors.zhang, 'PATCH', '/api/goals/[id]', goal.PATCH, {
			params: { id: course },
			body: { kind: 'progress', value: 1, why: 'First course done' }
		});
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		expect(r.body).toMatchObject({
			goal: { manual: { baseline: 0, target: 2, current: 1 } },
			change: { kind: 'progress' }
		});
		const report = await call(f.actors.boss, 'GET', '/api/goals/[id]', goal.GET, {
			params: { id: objective }
		});
		expect(report.body).toMatchObject({ goal: { progress: 50 } });
		const kr = await call(f.actors.boss, 'GET', '/api/goals/[id]', goal.GET, {
			params: { id: course }
		});
		expect((kr.body.history as { kind: string; reason: string }[]).at(-1)).toMatchObject({
			kind: 'progress',
			reason: 'First course done'
		});
	});

	it('refuses a typed-in value for a metric key result, a value that is no number, and outsiders', async () => {
		const metric = await call(f.actors.zhang, 'PATCH', '/api/goals/[id]', goal.PATCH, {
			params: { id: ids.zhangKr },
			body: { kind: 'progress', value: 5, why: 'I sold more' }
		});
		expect(metric.status).toBe(400);
		expect(metric.body.error).toMatchObject({ path: 'value' });
		expect(JSON.stringify(metric.body)).toContain('goal.measured_by_metric');
		const text = await call(f.actors.zhang, 'PATCH', '/api/goals/[id]', goal.PATCH, {
			params: { id: ids.zhangKr },
			body: { kind: 'progress', value: 'lots', why: 'x' }
		});
		expect(text.status).toBe(400);
		expect(text.body.error).toMatchObject({ path: 'value' });
		const outside = await call(f.actors.wang, 'PATCH', '/api/goals/[id]', goal.PATCH, {
			params: { id: ids.zhangKr },
			body: { kind: 'progress', value: 1, why: 'because' }
		});
		expect(outside.status).toBe(403);
	});

	it('answers 400 without a reason, 403 outside the line, 409 for a cycle', async () => {
		const noWhy = await call(f.actors.boss, 'PATCH', '/api/goals/[id]', goal.PATCH, {
			params: { id: ids.zhangKr },
			body: { kind: 'reweight', weight: 2 }
		});
		expect(noWhy.status).toBe(400);
		expect(noWhy.body.error).toMatchObject({ path: 'why' });
		const outside = await call(f.actors.wang, 'PATCH', '/api/goals/[id]', goal.PATCH, {
			params: { id: ids.zhangKr },
			body: { kind: 'reweight', weight: 2, why: 'because' }
		});
		expect(outside.status).toBe(403);
		const cycle = await call(f.actors.hr, 'PATCH', '/api/goals/[id]', goal.PATCH, {
			params: { id: ids.company },
			body: { kind: 'reparent', parentId: ids.sales, why: 'try a loop' }
		});
		expect(cycle.status).toBe(409);
		expect(cycle.body.error).toMatchObject({ code: 'conflict', path: 'parentId' });
	});
});
