import { describe, expect, it } from 'vitest';
import { compileMetrics, evaluateDerived, validateMetricDefinitions } from './metric-validation';
import {
	aggregate,
	aggregateInRange,
	evaluationOrder,
	findFormulaCycles,
	formulaReferences,
	periodRange,
	type MetricDefinition
} from './metrics';

const base = (key: string, formula?: string): MetricDefinition => ({
	key,
	name: { en: key },
	unit: { kind: 'currency', code: 'CNY', decimals: 2 },
	aggregation: 'sum',
	period: 'month',
	direction: 'higher_is_better',
	...(formula === undefined ? {} : { formula })
});

describe('aggregation', () => {
	it('supports every aggregation, with empty input meaning no data except for sum/count', () => {
		const values = [3, 1, 2];
		expect(aggregate(values, 'sum')).toBe(6);
		expect(aggregate(values, 'average')).toBe(2);
		expect(aggregate(values, 'last')).toBe(2);
		expect(aggregate(values, 'min')).toBe(1);
		expect(aggregate(values, 'max')).toBe(3);
		expect(aggregate(values, 'count')).toBe(3);
		expect(aggregate([], 'sum')).toBe(0);
		expect(aggregate([], 'average')).toBeNull();
	});
	it('aggregates within a date range in date order', () => {
		const values = [
			{ metricKey: 'm', subjectId: 's', date: '2026-03-05', value: 7 },
			{ metricKey: 'm', subjectId: 's', date: '2026-03-01', value: 5 },
			{ metricKey: 'm', subjectId: 's', date: '2026-04-01', value: 9 }
		];
		expect(aggregateInRange(values, 'last', periodRange('month', '2026-03-17'))).toBe(7);
	});
	it('computes calendar periods', () => {
		expect(periodRange('week', '2026-03-18')).toEqual({ from: '2026-03-16', to: '2026-03-22' });
		expect(periodRange('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
		expect(periodRange('quarter', '2026-11-30')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
	});
});

describe('derived metrics', () => {
	const defs = [
		base('profit'),
		base('active_users'),
		base('profit_per_user', 'profit / active_users')
	];
	it('extracts references, skipping strings, functions and members', () => {
		expect(formulaReferences('max(a, b.size) + "c" + d * 1e3')).toEqual(['a', 'b', 'd']);
	});
	it('orders derived metrics after their inputs and finds cycles', () => {
		expect(evaluationOrder([...defs].reverse())).toEqual([
			'profit',
			'active_users',
			'profit_per_user'
		]);
		expect(findFormulaCycles([base('a', 'b + 1'), base('b', 'c * 2'), base('c', 'a')])).toEqual([
			['a', 'b', 'c']
		]);
	});
	it('evaluates profit per user through the CEL evaluator', () => {
		const compiled = compileMetrics(defs);
		expect(compiled.ok).toBe(true);
		if (!compiled.ok) return;
		expect(
			evaluateDerived(compiled.value, { profit: 500_000, active_users: 2_000 }).profit_per_user
		).toBe(250);
		expect(
			evaluateDerived(compiled.value, { profit: 500_000, active_users: 0 }).profit_per_user
		).toBeNull();
		expect(
			evaluateDerived(compiled.value, { profit: 500_000, active_users: null }).profit_per_user
		).toBeNull();
	});
	it('reports unknown references with a path, cycles and syntax errors', () => {
		const result = validateMetricDefinitions([
			base('profit'),
			base('ratio', 'profit / users'),
			base('a', 'b + 1'),
			base('b', 'a - 1'),
			base('broken', 'profit +'),
			base('Bad-Key'),
			{ ...base('usd'), unit: { kind: 'currency', code: 'usd', decimals: 2 } }
		]);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const found = result.issues.map((i) => `${i.code}@${i.path}`);
		expect(found).toContain('metric.unknown_reference@metrics.ratio.formula');
		expect(found).toContain('metric.formula_cycle@metrics.a.formula');
		expect(found).toContain('metric.bad_formula@metrics.broken.formula');
		expect(found).toContain('metric.bad_key@metrics.Bad-Key.key');
		expect(found).toContain('metric.bad_currency@metrics.usd.unit.code');
		expect(result.issues.find((i) => i.code === 'metric.unknown_reference')?.params).toMatchObject({
			reference: 'users'
		});
	});
});
