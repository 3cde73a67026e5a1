import { describe, expect, it } from 'vitest';
import {
	finaliseEvaluation,
	gradeFor,
	planSchemeSwap,
	scoreEvaluation,
	type EvaluationSnapshot
} from './scoring';
import {
	STANDARD_BANDS,
	selectScheme,
	validateWeightingScheme,
	type WeightingScheme
} from './weighting';

const outcomes = [
	{ grade: 'excellent', raiseMinPercent: 8, raiseMaxPercent: 12, promotionEligible: true },
	{ grade: 'good', raiseMinPercent: 4, raiseMaxPercent: 7, promotionEligible: false },
	{ grade: 'meets', raiseMinPercent: 0, raiseMaxPercent: 3, promotionEligible: false },
	{ grade: 'below', raiseMinPercent: 0, raiseMaxPercent: 0, promotionEligible: false }
];
function scheme(
	id: string,
	version: number,
	effectiveFrom: string,
	items: [string, number][],
	scope = {}
): WeightingScheme {
	return {
		id,
		version,
		name: { en: id },
		effectiveFrom,
		scope,
		items: items.map(([key, weight]) => ({
			key,
			label: { en: key },
			source: { kind: 'metric', metricKey: key },
			weight
		})),
		bands: STANDARD_BANDS,
		outcomes
	};
}
const growth = scheme('company', 1, '2026-01-01', [
	['sales', 50],
	['new_users', 20],
	['quality', 30]
]);
const profit = scheme('company', 2, '2026-07-01', [
	['sales', 30],
	['profit_per_user', 40],
	['quality', 30]
]);
const salesDept = scheme(
	'sales',
	1,
	'2026-01-01',
	[
		['sales', 80],
		['quality', 20]
	],
	{ orgUnitId: 'dept-sales' }
);
const salesFamily = scheme('sales-family', 1, '2026-01-01', [['sales', 100]], {
	jobFamily: 'sales',
	orgUnitId: 'co'
});

describe('validateWeightingScheme', () => {
	it('accepts weights that sum to 100', () => {
		expect(validateWeightingScheme(growth).ok).toBe(true);
	});
	it('refuses another sum, naming the scheme and the sum', () => {
		const result = validateWeightingScheme(
			scheme('bad', 3, '2026-01-01', [
				['a', 60],
				['b', 30]
			])
		);
		expect(result).toMatchObject({
			ok: false,
			issues: [
				{
					code: 'weighting.sum_not_100',
					path: 'schemes.bad.items',
					params: { scheme: 'bad', version: 3, sum: 90 }
				}
			]
		});
		if (!result.ok) expect(result.issues[0]?.message).toMatch(/bad v3 sum to 90/);
	});
	it('refuses duplicate items, negative weights, bands without a floor and rules for unknown grades', () => {
		const bad: WeightingScheme = {
			...scheme('x', 1, '2026-01-01', [
				['a', 110],
				['a', -10]
			]),
			bands: [{ grade: 'top', minScore: 50, label: { en: 'Top' } }],
			outcomes: [
				{ grade: 'nope', raiseMinPercent: 5, raiseMaxPercent: 1, promotionEligible: false }
			]
		};
		const result = validateWeightingScheme(bad);
		const codes = result.ok ? [] : result.issues.map((i) => i.code);
		expect(codes).toEqual(
			expect.arrayContaining([
				'weighting.duplicate_item',
				'weighting.bad_weight',
				'weighting.no_floor_band',
				'weighting.unknown_grade',
				'weighting.bad_raise_range'
			])
		);
	});
});

describe('selectScheme', () => {
	const all = [growth, profit, salesDept, salesFamily];
	const engineer = { unitAncestry: ['team-backend', 'dept-eng', 'co'], jobFamily: 'engineering' };
	const seller = { unitAncestry: ['team-east', 'dept-sales', 'co'], jobFamily: 'sales' };
	it('takes the latest effective version on or before the date', () => {
		expect(selectScheme(all, engineer, '2026-06-30')?.version).toBe(1);
		expect(selectScheme(all, engineer, '2026-07-01')?.version).toBe(2);
		expect(selectScheme(all, engineer, '2025-12-31')).toBeNull();
	});
	it('lets the most specific scope win', () => {
		expect(selectScheme(all, seller, '2026-08-01')?.id).toBe('sales-family'); // job family beats unit
		expect(selectScheme([growth, profit, salesDept], seller, '2026-08-01')?.id).toBe('sales');
		const cycle = scheme('q3', 1, '2026-07-01', [['sales', 100]], { cycleId: 'q3' });
		expect(selectScheme([...all, cycle], { ...seller, cycleId: 'q3' }, '2026-08-01')?.id).toBe(
			'q3'
		);
	});
});

describe('scoring', () => {
	it('scores Σ weight × attainment with attainment capped at 120 %', () => {
		const result = scoreEvaluation(growth, { sales: 150, new_users: 80, quality: 90 });
		expect(result.items.map((i) => i.counted)).toEqual([120, 80, 90]);
		expect(result.score).toBe(60 + 16 + 27);
		expect(result.grade?.grade).toBe('excellent');
		expect(result.outcome).toEqual({
			grade: 'excellent',
			raiseMinPercent: 8,
			raiseMaxPercent: 12,
			promotionEligible: true,
			requiresApproval: true
		});
	});
	it('maps scores to grade bands at their boundaries', () => {
		expect(gradeFor(STANDARD_BANDS, 90)?.grade).toBe('excellent');
		expect(gradeFor(STANDARD_BANDS, 89.99)?.grade).toBe('good');
		expect(gradeFor(STANDARD_BANDS, 75)?.grade).toBe('good');
		expect(gradeFor(STANDARD_BANDS, 60)?.grade).toBe('meets');
		expect(gradeFor(STANDARD_BANDS, 59.9)?.grade).toBe('below');
		expect(STANDARD_BANDS[0]?.label['zh-CN']).toBe('优秀');
	});
	it('counts missing items as 0 and lists them', () => {
		const result = scoreEvaluation(growth, { sales: 100, quality: null });
		expect(result).toMatchObject({
			score: 50,
			missing: ['new_users', 'quality'],
			grade: { grade: 'below' },
			isScored: true
		});
	});
	it('grades nothing when no item has an attainment', () => {
		const result = scoreEvaluation(growth, { sales: null });
		expect(result).toMatchObject({
			score: 0,
			missing: ['sales', 'new_users', 'quality'],
			grade: null,
			outcome: null,
			isScored: false
		});
		expect(scoreEvaluation(growth, { quality: 0 })).toMatchObject({
			isScored: true,
			grade: { grade: 'below' }
		});
	});
});

describe('planSchemeSwap', () => {
	const at = '2026-07-01T00:00:00Z';
	const evaluation = (id: string, status: 'live' | 'finalised'): EvaluationSnapshot => ({
		evaluationId: id,
		employeeId: `emp-${id}`,
		cycleId: '2026',
		status,
		attainments: { sales: 100, new_users: 50, quality: 100, profit_per_user: 110 },
		result: scoreEvaluation(growth, { sales: 100, new_users: 50, quality: 100 }),
		computedAt: '2026-06-01T00:00:00Z'
	});
	it('re-scores live evaluations and keeps finalised scores', () => {
		const finalised = finaliseEvaluation(evaluation('b', 'live'), {
			who: 'hr',
			at: '2026-06-20T00:00:00Z'
		});
		expect(finaliseEvaluation(finalised, { who: 'other', at })).toBe(finalised);
		const plan = planSchemeSwap({
			evaluations: [evaluation('a', 'live'), finalised],
			schemes: [growth, profit],
			contextOf: () => ({ unitAncestry: ['co'], jobFamily: 'engineering' }),
			date: '2026-07-01',
			at
		});
		expect(plan.kept).toEqual([finalised]);
		expect(plan.kept[0]?.result).toMatchObject({ schemeVersion: 1, score: 90 });
		expect(plan.rescored).toHaveLength(1);
		expect(plan.rescored[0]?.before.score).toBe(90);
		expect(plan.rescored[0]?.after).toMatchObject({ schemeVersion: 2, score: 30 + 44 + 30 });
		expect(plan.rescored[0]?.updated.computedAt).toBe(at);
	});
	it('leaves live evaluations alone when their scheme is still the one in effect', () => {
		const plan = planSchemeSwap({
			evaluations: [evaluation('a', 'live')],
			schemes: [growth, profit],
			contextOf: () => ({ unitAncestry: ['co'], jobFamily: 'engineering' }),
			date: '2026-06-30',
			at
		});
		expect(plan.unchanged).toHaveLength(1);
		expect(plan.rescored).toHaveLength(0);
	});
});
