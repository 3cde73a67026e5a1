import { describe, expect, it } from 'vitest';
import { cascade } from './fixtures';
import { layoutMindMap } from './mindmap-layout';
import { barFor, markerAt, monthTicks, timelineSpan } from './timeline';
import { buildTree } from './tree';
import { cumulative, forecastLine, monthlyWindows, valueOn } from './trend';

describe('layoutMindMap', () => {
	it('puts depths in columns and parents beside their children', () => {
		const layout = layoutMindMap(buildTree(cascade), {
			nodeWidth: 100,
			nodeHeight: 40,
			columnGap: 20,
			rowGap: 10
		});
		const at = (id: string) => layout.boxes.find((b) => b.id === id)!;
		expect(at('zhang-10m').x).toBe(360);
		expect(at('zhang').y).toBe(at('zhang-10m').y);
		expect(at('growth').y).toBeGreaterThan(at('revenue').y);
		expect(layout.edges).toHaveLength(5);
		expect(layout.width).toBe(460);
		expect(layout.height).toBeGreaterThan(0);
	});
});

describe('timeline', () => {
	const span = timelineSpan([
		{ startDate: '2026-01-10', dueDate: '2026-03-15' },
		{ startDate: '2026-02-01', dueDate: '2026-12-31' }
	])!;
	it('widens the span to whole months', () => {
		expect(span).toEqual({ from: '2026-01-01', to: '2026-12-31' });
	});
	it('places bars and markers as fractions', () => {
		const bar = barFor(span, '2026-01-01', '2026-12-31');
		expect(bar.left).toBe(0);
		expect(bar.width).toBeCloseTo(1);
		expect(markerAt(span, '2027-01-01')).toBeNull();
		expect(markerAt(span, '2026-07-02')).toBeCloseTo(0.5, 1);
	});
	it('ticks months', () => {
		expect(monthTicks(span, 3).map((t) => t.date)).toEqual([
			'2026-01-01',
			'2026-04-01',
			'2026-07-01',
			'2026-10-01'
		]);
	});
});

describe('trend models', () => {
	it('restarts a monthly key result every month', () => {
		const daily = [
			{ date: '2026-02-27', value: 5 },
			{ date: '2026-02-28', value: 5 },
			{ date: '2026-03-01', value: 2 },
			{ date: '2026-03-02', value: 3 }
		];
		const { actual, pace } = monthlyWindows(daily, { baseline: 0, target: 10 });
		expect(actual.map((line) => line.map((p) => p.value))).toEqual([
			[5, 10],
			[2, 5]
		]);
		expect(pace[1]).toEqual([
			{ date: '2026-03-01', value: 0 },
			{ date: '2026-03-31', value: 10 }
		]);
	});
	it('extends the forecast from the last point', () => {
		const line = cumulative([
			{ date: '2026-03-01', value: 2 },
			{ date: '2026-03-02', value: 3 }
		]);
		expect(valueOn(line, '2026-03-05')).toBe(5);
		expect(forecastLine(line, '2026-03-31', 40)).toEqual([
			{ date: '2026-03-02', value: 5 },
			{ date: '2026-03-31', value: 40 }
		]);
		expect(forecastLine(line, '2026-03-02', 40)).toBeNull();
	});
});
