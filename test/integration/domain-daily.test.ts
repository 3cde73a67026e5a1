import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoal } from '../../src/lib/server/domain/goals/service';
import { ingestMetricValues } from '../../src/lib/server/domain/ingest/index';
import {
	listEvaluations,
	openEvaluations,
	publishScheme
} from '../../src/lib/server/domain/scoring/evaluations';
import { runDailyRemeasure, startDailyRemeasure } from '../../src/lib/server/domain/progress/daily';
import { STANDARD_BANDS } from '../../src/lib/domain/weighting';
import { ACTOR, NOW, setupDomain, type DomainFixture } from './domain-fixture';

let fx: DomainFixture;
let yearKr: string;

const state = async () => {
	const [row] = await fx.query<{ progress: number; scored_attainment: number | null }>(
		'select progress, scored_attainment from goal where id = ?',
		[yearKr]
	);
	const [evaluation] = await listEvaluations(fx.em(), fx.orgId, { employeeId: fx.people.zhang });
	return {
		progress: Number(row?.progress),
		scored: row?.scored_attainment === null ? null : Number(row?.scored_attainment),
		score: evaluation?.score ?? null
	};
};

beforeAll(async () => {
	fx = await setupDomain();
	// Only the whole-year key result counts in this scheme: 10M in sales a month, all year.
	await fx.query('update goal set status = ? where id in (?, ?)', [
		'archived',
		fx.goals.zhangKr,
		fx.goals.liKr
	]);
	const kr = await createGoal(
		fx.em(),
		fx.orgId,
		{
			kind: 'key_result',
			title: { en: '10M a month, all year' },
			owner: { kind: 'person', id: fx.people.zhang },
			parentId: fx.goals.sales,
			weight: 1,
			startDate: '2025-01-01',
			dueDate: '2025-12-31',
			metric: {
				metricKey: 'sales',
				baseline: 0,
				target: 10_000_000,
				window: { kind: 'calendar', period: 'month' }
			}
		},
		ACTOR
	);
	yearKr = kr.id;
	await publishScheme(
		fx.em(),
		fx.orgId,
		{
			key: 'sales_only',
			name: { en: 'Sales only' },
			effectiveFrom: '2025-01-01',
			scope: {},
			items: [
				{
					key: 'sales',
					label: { en: 'Sales' },
					source: { kind: 'metric', metricKey: 'sales' },
					weight: 100
				}
			],
			bands: STANDARD_BANDS,
			outcomes: []
		},
		{ actorId: null, reason: 'test', now: NOW }
	);
	await ingestMetricValues(
		fx.em(),
		fx.orgId,
		[
			{
				line: 1,
				metric: 'sales',
				person: fx.people.zhang,
				date: '2025-03-10',
				value: 8_000_000,
				sourceId: 'march'
			}
		],
		{ now: NOW }
	);
	await openEvaluations(fx.em(), fx.orgId, { cycle: '2025', now: NOW });
}, 60_000);
afterAll(async () => {
	await fx?.db.close();
});

describe('daily re-measure of moving windows', () => {
	it('shows the running month and scores the last complete one', async () => {
		// 21 March: March shows 80%; February, complete and empty, is what counts.
		expect(await state()).toEqual({ progress: 80, scored: 0, score: 0 });
	});

	it('moves to the next month without new data, and re-scores the live evaluation', async () => {
		const april = new Date('2025-04-02T06:00:00Z');
		const first = await runDailyRemeasure(fx.db.orm, fx.orgId, april);
		expect(first.keyResults).toBeGreaterThanOrEqual(1);
		expect(first.rescored).toBe(1);
		expect(await state()).toEqual({ progress: 0, scored: 80, score: 80 });
		// Running again the same day changes nothing.
		await runDailyRemeasure(fx.db.orm, fx.orgId, april);
		expect(await state()).toEqual({ progress: 0, scored: 80, score: 80 });
	});

	it('runs once per day of the clock it is given', async () => {
		let now = new Date('2025-05-01T00:30:00Z');
		const daily = startDailyRemeasure({ orm: fx.db.orm, now: () => now, checkMs: 3_600_000 });
		try {
			// The start-up check is already on its way; it takes the day.
			expect(await daily.check()).toBe(true);
			expect(await daily.check()).toBe(false);
			expect(await state()).toEqual({ progress: 0, scored: 0, score: 0 });
			now = new Date('2025-05-02T00:00:01Z');
			expect(await daily.check()).toBe(true);
		} finally {
			await daily.stop();
		}
	});
});
