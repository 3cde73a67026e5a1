import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMetricValues } from '../../src/lib/server/domain/ingest/index';
import { createGoal } from '../../src/lib/server/domain/goals/service';
import { createMetric } from '../../src/lib/server/domain/metrics/definitions';
import {
	finaliseEvaluation,
	listEvaluations,
	openEvaluations,
	publishScheme,
	rescoreLiveIn,
	swapScheme
} from '../../src/lib/server/domain/scoring/evaluations';
import { transaction } from '../../src/lib/server/domain/db';
import type { SchemeInput } from '../../src/lib/server/domain/scoring/schemes';
import { STANDARD_BANDS } from '../../src/lib/domain/weighting';
import { isAppError } from '../../src/lib/server/runtime/errors';
import { ACTOR, NOW, setupDomain, type DomainFixture } from './domain-fixture';

let fx: DomainFixture;
const base = {
	name: { en: 'Sales scheme' },
	effectiveFrom: '2025-01-01',
	scope: {},
	bands: STANDARD_BANDS,
	outcomes: []
};
const growth: SchemeInput = {
	...base,
	key: 'sales_kpis',
	items: [
		{
			key: 'sales',
			label: { en: 'Sales' },
			source: { kind: 'metric', metricKey: 'sales' },
			weight: 80
		},
		{
			key: 'new_users',
			label: { en: 'New users' },
			source: { kind: 'metric', metricKey: 'new_users' },
			weight: 20
		}
	]
};

beforeAll(async () => {
	fx = await setupDomain();
	await createMetric(fx.em(), fx.orgId, {
		key: 'new_users',
		name: { en: 'New users' },
		unit: { kind: 'quantity', label: 'users', decimals: 0 },
		aggregation: 'sum',
		period: 'month',
		direction: 'higher_is_better'
	});
	for (const person of [fx.people.zhang, fx.people.li]) {
		await createGoal(
			fx.em(),
			fx.orgId,
			{
				kind: 'key_result',
				title: { en: 'New users' },
				owner: { kind: 'person', id: person },
				parentId: fx.goals.sales,
				weight: 1,
				startDate: '2025-03-01',
				dueDate: '2025-03-31',
				metric: { metricKey: 'new_users', baseline: 0, target: 100, window: { kind: 'goal' } }
			},
			ACTOR
		);
	}
	await ingestMetricValues(
		fx.em(),
		fx.orgId,
		[
			{
				line: 1,
				metric: 'sales',
				person: fx.people.zhang,
				date: '2025-03-10',
				value: 11_000_000,
				sourceId: 'a'
			},
			{
				line: 2,
				metric: 'sales',
				person: fx.people.li,
				date: '2025-03-10',
				value: 7_000_000,
				sourceId: 'b'
			},
			{
				line: 3,
				metric: 'new_users',
				person: fx.people.zhang,
				date: '2025-03-10',
				value: 50,
				sourceId: 'c'
			},
			{
				line: 4,
				metric: 'new_users',
				person: fx.people.li,
				date: '2025-03-10',
				value: 100,
				sourceId: 'd'
			}
		],
		{ now: NOW }
	);
	await publishScheme(fx.em(), fx.orgId, growth, ACTOR);
	await openEvaluations(fx.em(), fx.orgId, { cycle: '2025', now: NOW });
});
afterAll(async () => {
	await fx?.db.close();
});

describe('weighting and scores', () => {
	it('refuses a scheme whose weights do not sum to 100, naming the scheme and the sum', async () => {
		const error = await publishScheme(
			fx.em(),
			fx.orgId,
			{ ...growth, key: 'broken', items: growth.items.slice(0, 1) },
			ACTOR
		).catch((e: unknown) => e);
		expect(isAppError(error) && error.code).toBe('bad_request');
		expect(isAppError(error) && error.message).toContain('broken');
		expect(isAppError(error) && error.message).toContain('80');
	});

	it('scores live evaluations under the scheme in effect', async () => {
		const [zhang] = await listEvaluations(fx.em(), fx.orgId, { employeeId: fx.people.zhang });
		// 80 × 110 % + 20 × 50 % = 98 → excellent
		expect(zhang).toMatchObject({
			status: 'live',
			schemeKey: 'sales_kpis',
			schemeVersion: 1,
			score: 98,
			grade: 'excellent'
		});
	});

	it('re-scores live evaluations on a swap, leaves finalised ones, and records the swap', async () => {
		const [li] = await listEvaluations(fx.em(), fx.orgId, { employeeId: fx.people.li });
		if (!li) throw new Error('no evaluation for Li');
		const frozen = await finaliseEvaluation(fx.em(), fx.orgId, li.id, ACTOR);
		// 80 × 70 % + 20 × 100 % = 76 → good
		expect(frozen).toMatchObject({ status: 'finalised', score: 76, schemeVersion: 1 });
		const swap = await swapScheme(
			fx.em(),
			fx.orgId,
			{
				...growth,
				items: [
					{
						key: 'sales',
						label: { en: 'Sales' },
						source: { kind: 'metric', metricKey: 'sales' },
						weight: 60
					},
					{
						key: 'profit',
						label: { en: 'Profit per user' },
						source: { kind: 'goal_category', category: 'profit' },
						weight: 40
					}
				]
			},
			{ ...ACTOR, reason: 'profit strategy' }
		);
		expect(swap).toMatchObject({
			rescored: 1,
			leftFinalised: 1,
			scheme: { version: 2 },
			replaced: { version: 1 }
		});
		const after = await listEvaluations(fx.em(), fx.orgId, { cycle: '2025' });
		const zhang = after.find((e) => e.employeeId === fx.people.zhang);
		// 60 × 110 % + 40 × (no profit goal yet → 0) = 66
		expect(zhang).toMatchObject({ schemeVersion: 2, score: 66, grade: 'meets' });
		expect(after.find((e) => e.employeeId === fx.people.li)).toMatchObject({
			schemeVersion: 1,
			score: 76,
			status: 'finalised'
		});
		const swaps = await fx.query<{ reason: string; rescored: number }>(
			'select reason, rescored from weighting_swap where organisation_id = ?',
			[fx.orgId]
		);
		expect(swaps).toEqual([{ reason: 'profit strategy', rescored: 1 }]);
	});

	it('writes every live evaluation when the re-score goes in batches', async () => {
		await openEvaluations(fx.em(), fx.orgId, { cycle: 'batches', now: NOW });
		const later = new Date(NOW.getTime() + 3_600_000);
		const rescored = await transaction(fx.em(), (db) =>
			rescoreLiveIn(db, fx.orgId, later, {}, { writeBatch: 1 })
		);
		const live = (await listEvaluations(fx.em(), fx.orgId, { status: 'live' })).map((e) => [
			e.cycle,
			e.scoredAt
		]);
		expect(rescored).toBe(3);
		expect(live).toHaveLength(3);
		expect(live.every(([, at]) => at === later.toISOString())).toBe(true);
	});
});
