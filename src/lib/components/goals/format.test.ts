import { describe, expect, it } from 'vitest';
import { formatDay, formatMetric, formatPercent, gapParts, measuredFromGoal } from './format';

const cny = { kind: 'currency', code: 'CNY', decimals: 0 } as const;

describe('formatMetric', () => {
	it('writes 10M CNY compactly per locale', () => {
		expect(formatMetric(10_000_000, cny, 'en', { compact: true })).toBe('¥10M');
		expect(formatMetric(10_000_000, cny, 'zh-CN', { compact: true })).toBe('¥1000万');
		expect(formatMetric(10_000_000, cny, 'en')).toBe('¥10,000,000');
	});
	it('treats percent metrics as 0–100', () => {
		expect(formatMetric(85, { kind: 'percent', decimals: 1 }, 'en')).toBe('85%');
	});
	it('shows a dash for missing values', () => {
		expect(formatMetric(null, cny, 'en')).toBe('–');
	});
});

describe('gapParts', () => {
	it('gives the parts of "80% of ¥10M, ¥2M short"', () => {
		const parts = gapParts(
			{
				status: 'short',
				attainment: 80,
				current: 8_000_000,
				target: 10_000_000,
				gap: 2_000_000,
				exceededBy: 0,
				unit: cny
			},
			'en'
		);
		expect(parts).toEqual({
			status: 'short',
			progress: '80%',
			target: '¥10M',
			gap: '¥2M',
			current: '¥8M'
		});
	});
	it('reports an exceeded target', () => {
		const parts = gapParts(
			{
				status: 'exceeded',
				attainment: 110,
				current: 11_000_000,
				target: 10_000_000,
				gap: 0,
				exceededBy: 1_000_000,
				unit: cny
			},
			'zh-CN'
		);
		expect(parts).toMatchObject({ status: 'exceeded', progress: '110%', over: '¥100万' });
	});
});

describe('formatPercent and formatDay', () => {
	it('rounds progress', () => expect(formatPercent(79.6, 'en')).toBe('80%'));
	it('formats a calendar date without shifting it', () => {
		expect(formatDay('2026-03-31', 'en-GB')).toBe('31 Mar 2026');
	});
});

describe('measuredFromGoal', () => {
	it('derives the gap from stored attainment', () => {
		const measured = measuredFromGoal({
			attainment: 80,
			current: 8_000_000,
			metric: { baseline: 0, target: 10_000_000, unit: cny }
		});
		expect(measured?.status).toBe('short');
		expect(measured?.gap).toBeCloseTo(2_000_000);
		expect(measuredFromGoal({ attainment: 0, current: null, metric: null })).toBeNull();
	});
});
