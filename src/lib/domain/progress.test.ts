import { describe, expect, it } from 'vitest';
import type { MetricDefinition, MetricValue } from './metrics';
import {
	keyResultProgress,
	measureProgress,
	progressMessage,
	resolveWindow,
	scoringWindow
} from './progress';

const sales: MetricDefinition = {
	key: 'sales_amount',
	name: { en: 'Sales amount', 'zh-CN': '销售额' },
	unit: { kind: 'currency', code: 'CNY', decimals: 0 },
	aggregation: 'sum',
	period: 'month',
	direction: 'higher_is_better'
};

describe('measureProgress', () => {
	it('reports "80% of 10M, 2M short" as numbers', () => {
		const p = measureProgress({
			current: 8e6,
			baseline: 0,
			target: 10e6,
			direction: 'higher_is_better',
			unit: sales.unit
		});
		expect(p).toMatchObject({
			progress: 80,
			current: 8e6,
			target: 10e6,
			gap: 2e6,
			exceededBy: 0,
			status: 'short'
		});
		expect(progressMessage(p)).toEqual({
			key: 'progress.short',
			params: { progress: 80, current: 8e6, target: 10e6, gap: 2e6, exceededBy: 0, unit: 'CNY' }
		});
	});
	it('clamps progress but keeps the raw attainment', () => {
		const over = measureProgress({
			current: 11e6,
			baseline: 0,
			target: 10e6,
			direction: 'higher_is_better'
		});
		expect(over).toMatchObject({ progress: 100, gap: 0, exceededBy: 1e6, status: 'exceeded' });
		expect(over.attainment).toBeCloseTo(110);
		const under = measureProgress({
			current: -5,
			baseline: 0,
			target: 10,
			direction: 'higher_is_better'
		});
		expect(under.progress).toBe(0);
		expect(under.attainment).toBe(-50);
	});
	it('handles lower-is-better metrics from a baseline', () => {
		const cost = measureProgress({
			current: 90,
			baseline: 100,
			target: 80,
			direction: 'lower_is_better'
		});
		expect(cost).toMatchObject({ progress: 50, gap: 10, status: 'short' });
		expect(
			measureProgress({ current: 80, baseline: 100, target: 80, direction: 'lower_is_better' })
				.status
		).toBe('met');
	});
	it('distinguishes no data from zero', () => {
		expect(
			measureProgress({ current: null, baseline: 0, target: 10, direction: 'higher_is_better' })
		).toMatchObject({
			status: 'no_data',
			progress: 0,
			gap: 10
		});
	});
});

describe('keyResultProgress', () => {
	const kr = {
		startDate: '2026-01-01',
		dueDate: '2026-12-31',
		owner: { id: 'zhang' },
		metric: {
			metricKey: 'sales_amount',
			baseline: 0,
			target: 10e6,
			window: { kind: 'calendar', period: 'month' }
		} as const
	};
	const values: MetricValue[] = [
		{ metricKey: 'sales_amount', subjectId: 'zhang', date: '2026-02-27', value: 9e6 },
		{ metricKey: 'sales_amount', subjectId: 'zhang', date: '2026-03-02', value: 4e6 },
		{ metricKey: 'sales_amount', subjectId: 'zhang', date: '2026-03-20', value: 2e6 },
		{ metricKey: 'sales_amount', subjectId: 'wang', date: '2026-03-20', value: 5e6 },
		{ metricKey: 'other', subjectId: 'zhang', date: '2026-03-20', value: 5e6 }
	];
	it('aggregates only the bound metric, subject and window', () => {
		const p = keyResultProgress(kr, sales, values, '2026-03-21');
		expect(p).toMatchObject({
			current: 6e6,
			progress: 60,
			gap: 4e6,
			window: { from: '2026-03-01', to: '2026-03-21' }
		});
	});
	it('resolves goal and trailing windows, capped at the due date', () => {
		expect(resolveWindow({ kind: 'goal' }, kr, '2027-02-01')).toEqual({
			from: '2026-01-01',
			to: '2026-12-31'
		});
		expect(resolveWindow({ kind: 'trailing', days: 7 }, kr, '2026-03-10')).toEqual({
			from: '2026-03-04',
			to: '2026-03-10'
		});
		expect(resolveWindow({ kind: 'calendar', period: 'quarter' }, kr, '2026-05-10')).toEqual({
			from: '2026-04-01',
			to: '2026-05-10'
		});
	});
	it('returns null for a goal without a metric', () => {
		expect(keyResultProgress({ ...kr, metric: undefined }, sales, values, '2026-03-21')).toBeNull();
	});
});

describe('scoringWindow', () => {
	const year = { startDate: '2026-01-01', dueDate: '2026-12-31' };
	const month = { kind: 'calendar', period: 'month' } as const;
	it('scores the last complete month while the running one is incomplete', () => {
		expect(scoringWindow(month, year, '2026-12-04')).toEqual({
			from: '2026-11-01',
			to: '2026-11-30'
		});
		expect(scoringWindow({ kind: 'calendar', period: 'week' }, year, '2026-03-04')).toEqual({
			from: '2026-02-23',
			to: '2026-03-01'
		});
	});
	it('scores the running period once it is complete, or when the goal has ended', () => {
		expect(scoringWindow(month, year, '2026-11-30')).toBeNull();
		expect(scoringWindow(month, { ...year, dueDate: '2026-12-15' }, '2026-12-15')).toBeNull();
		expect(scoringWindow(month, year, '2027-02-03')).toBeNull();
	});
	it('scores the running period when no complete period lies inside the goal', () => {
		expect(scoringWindow(month, year, '2026-01-20')).toBeNull();
		expect(scoringWindow(month, { ...year, startDate: '2026-11-15' }, '2026-12-04')).toEqual({
			from: '2026-11-01',
			to: '2026-11-30'
		});
		expect(scoringWindow(month, { ...year, startDate: '2026-12-01' }, '2026-12-04')).toBeNull();
	});
	it('leaves goal-long and trailing windows alone', () => {
		expect(scoringWindow({ kind: 'goal' }, year, '2026-12-04')).toBeNull();
		expect(scoringWindow({ kind: 'trailing', days: 7 }, year, '2026-12-04')).toBeNull();
	});
});
