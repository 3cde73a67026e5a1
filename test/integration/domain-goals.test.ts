import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeGoal } from '../../src/lib/server/domain/goals/service';
import { goalHistory, goalReport } from '../../src/lib/server/domain/goals/read';
import { ingestMetricValues } from '../../src/lib/server/domain/ingest/index';
import { isAppError } from '../../src/lib/server/runtime/errors';
import { NOW, progressOf, setupDomain, type DomainFixture } from './domain-fixture';

let fx: DomainFixture;
beforeAll(async () => {
	fx = await setupDomain();
	await ingestMetricValues(
		fx.em(),
		fx.orgId,
		[
			{
				line: 1,
				metric: 'sales',
				person: fx.people.zhang,
				date: '2025-03-10',
				value: 6_000_000,
				sourceId: 's1'
			},
			{
				line: 2,
				metric: 'sales',
				person: fx.people.li,
				date: '2025-03-10',
				value: 2_000_000,
				sourceId: 's2'
			}
		],
		{ now: NOW }
	);
});
afterAll(async () => {
	await fx?.db.close();
});

const actor = (reason: string) => ({ actorId: null, reason, now: NOW });

describe('goal changes', () => {
	it('refuses moving a goal under its own descendant and writes nothing', async () => {
		const error = await changeGoal(
			fx.em(),
			fx.orgId,
			fx.goals.company,
			{ kind: 'reparent', parentId: fx.goals.sales },
			actor('loop')
		).catch((e: unknown) => e);
		expect(isAppError(error) && error.code).toBe('conflict');
		expect(isAppError(error) && error.details.issueCode).toBe('goal.parent_is_descendant');
		const history = await goalHistory(fx.em(), fx.orgId, fx.goals.company);
		expect(history.map((h) => h.kind)).toEqual(['create']);
	});

	it('re-targets a key result, keeps who/when/why/before/after and re-measures it', async () => {
		expect(await progressOf(fx, fx.goals.zhangKr)).toBeCloseTo(60);
		await changeGoal(
			fx.em(),
			fx.orgId,
			fx.goals.zhangKr,
			{ kind: 'retarget', target: 12_000_000 },
			actor('bigger market')
		);
		expect(await progressOf(fx, fx.goals.zhangKr)).toBeCloseTo(50);
		const history = await goalHistory(fx.em(), fx.orgId, fx.goals.zhangKr);
		const last = history.at(-1);
		expect(last).toMatchObject({
			kind: 'retarget',
			reason: 'bigger market',
			at: NOW.toISOString()
		});
		expect(last?.before).toMatchObject({ metric: { target: 10_000_000 } });
		expect(last?.after).toMatchObject({ metric: { target: 12_000_000 } });
	});

	it('re-weights siblings and rolls the parent up again', async () => {
		// Zhang 50 %, Li 20 %; weights 3:1 → 42.5 %.
		await changeGoal(
			fx.em(),
			fx.orgId,
			fx.goals.zhangKr,
			{ kind: 'reweight', weight: 3 },
			actor('focus on key accounts')
		);
		expect(await progressOf(fx, fx.goals.sales)).toBeCloseTo(42.5);
		expect(await progressOf(fx, fx.goals.company)).toBeCloseTo(42.5);
	});

	it('archives a goal: it drops out of the roll-up and the change is kept', async () => {
		await changeGoal(
			fx.em(),
			fx.orgId,
			fx.goals.liKr,
			{ kind: 'archive' },
			actor('Li moved to marketing')
		);
		expect(await progressOf(fx, fx.goals.sales)).toBeCloseTo(50);
		const history = await goalHistory(fx.em(), fx.orgId, fx.goals.liKr);
		expect(history.at(-1)).toMatchObject({
			kind: 'archive',
			before: { status: 'active' },
			after: { status: 'archived' }
		});
		const refused = await changeGoal(
			fx.em(),
			fx.orgId,
			fx.goals.liKr,
			{ kind: 'reweight', weight: 2 },
			actor('x')
		).catch((e: unknown) => e);
		expect(isAppError(refused) && refused.code).toBe('conflict');
	});

	it('re-parents a goal and rolls both branches', async () => {
		await changeGoal(
			fx.em(),
			fx.orgId,
			fx.goals.zhangKr,
			{ kind: 'reparent', parentId: fx.goals.company },
			actor('report to the company goal')
		);
		// Sales keeps its last value as a childless objective (50); the company now averages
		// sales (weight 1) and Zhang's key result (weight 3).
		expect(await progressOf(fx, fx.goals.company)).toBeCloseTo(50);
		const history = await goalHistory(fx.em(), fx.orgId, fx.goals.zhangKr);
		expect(history.map((h) => h.kind)).toEqual(['create', 'retarget', 'reweight', 'reparent']);
		expect(history.at(-1)).toMatchObject({
			before: { parentId: fx.goals.sales },
			after: { parentId: fx.goals.company }
		});
	});

	it('reports progress with the gap in the metric unit, pace and lag', async () => {
		const report = await goalReport(fx.em(), fx.orgId, fx.goals.zhangKr, NOW);
		expect(report.measured).toMatchObject({
			current: 6_000_000,
			target: 12_000_000,
			gap: 6_000_000,
			status: 'short'
		});
		expect(report.goal.unit).toMatchObject({ kind: 'currency', code: 'CNY' });
		expect(report.pace).toBeGreaterThan(60);
		expect(report.lag).toBeGreaterThan(10);
	});
});
