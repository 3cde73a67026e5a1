import { describe, expect, it } from 'vitest';
import { compileExpression, evaluateExpression } from '../engine/expression';
import {
	consecutiveDeclines,
	expectedPace,
	forecastAttainment,
	forecastRunRate,
	forecastTrend,
	lagBehindPace,
	goalPace,
	leastSquares,
	paceSpan,
	trendAlerts
} from './analytics';
import { domainExpressionFunctions, expressionFunctions } from './expression-functions';
import { bucketByPeriod, periodStartOf, periodStartsBetween } from './periods';

describe('pace and lag', () => {
	it('grows linearly from start to due and stays within 0–100', () => {
		expect(expectedPace('2026-03-01', '2026-03-31', '2026-03-16')).toBe(50);
		expect(expectedPace('2026-03-01', '2026-03-31', '2026-02-01')).toBe(0);
		expect(expectedPace('2026-03-01', '2026-03-31', '2026-05-01')).toBe(100);
		expect(expectedPace('2026-03-01', '2026-03-31', '2026-03-16', 'ease_in')).toBe(25);
		expect(lagBehindPace(30, '2026-03-01', '2026-03-31', '2026-03-16')).toBe(20);
	});
});

describe('forecasts', () => {
	it('fits a least-squares line', () => {
		expect(
			leastSquares([
				{ t: 0, value: 1 },
				{ t: 1, value: 3 },
				{ t: 2, value: 5 }
			])
		).toEqual({ slope: 2, intercept: 1 });
		expect(leastSquares([{ t: 1, value: 1 }])).toBeNull();
	});
	it('projects the recent trend only', () => {
		const points = [0, 0, 0, 10, 20, 30].map((value, t) => ({ t, value }));
		expect(forecastTrend(points, 6, 3)).toBeCloseTo(40);
	});
	it('extrapolates a run rate: 6M in 20 of 30 days → 9M', () => {
		expect(forecastRunRate(6e6, '2026-03-01', '2026-03-21', '2026-03-31')).toBeCloseTo(
			6e6 * (30 / 20)
		);
	});
	it('forecasts attainment at the due date', () => {
		const day = 86_400_000;
		const start = Date.UTC(2026, 2, 1);
		const points = [1, 2, 3, 4].map((v, i) => ({ t: start + (i + 1) * 7 * day, value: v * 1e6 }));
		const f = forecastAttainment({
			points,
			start,
			due: start + 35 * day,
			now: start + 28 * day,
			baseline: 0,
			target: 10e6
		});
		expect(f.method).toBe('trend');
		expect(f.value).toBeCloseTo(5e6);
		expect(f.attainment).toBeCloseTo(50);
		const runRate = forecastAttainment({
			points: points.slice(0, 1),
			start,
			due: start + 14 * day,
			now: start + 7 * day,
			baseline: 0,
			target: 4e6
		});
		expect(runRate).toMatchObject({ method: 'run_rate', value: 2e6, progress: 50 });
	});
});

describe('trend alerts', () => {
	it('counts trailing declines', () => {
		expect(consecutiveDeclines([40, 42, 35, 28, 20])).toBe(3);
		expect(consecutiveDeclines([40, 35, 35])).toBe(0);
		expect(consecutiveDeclines([])).toBe(0);
	});
	it('raises declined-periods, behind-pace and forecast alerts', () => {
		const alerts = trendAlerts(
			{ series: [42, 35, 28, 20], progress: 60, pace: 75, forecastAttainment: 86 },
			{ behindPaceBy: 10, forecastBelow: 100 }
		);
		expect(alerts).toEqual([
			{ code: 'declined_periods', periods: 3, from: 42, to: 20 },
			{ code: 'behind_pace', lag: 15, threshold: 10, pace: 75, progress: 60 },
			{ code: 'forecast_short', forecast: 86, threshold: 100 }
		]);
		expect(trendAlerts({ series: [1, 2, 1], progress: 70, pace: 75 })).toEqual([]);
	});
});

describe('period bucketing', () => {
	it('buckets instants by the local week and month of the time zone', () => {
		const sundayLateShanghai = Date.UTC(2026, 2, 22, 15, 30); // Sun 23:30 in Shanghai, Mon in Tokyo
		expect(periodStartOf(sundayLateShanghai, 'week', 'Asia/Shanghai')).toBe('2026-03-16');
		expect(periodStartOf(sundayLateShanghai, 'week', 'Asia/Tokyo')).toBe('2026-03-23');
		expect(periodStartOf(Date.UTC(2026, 2, 31, 20), 'month', 'Asia/Shanghai')).toBe('2026-04-01');
		expect(periodStartOf(Date.UTC(2026, 2, 31, 20), 'month', 'America/New_York')).toBe(
			'2026-03-01'
		);
	});
	it('aggregates per period and fills gaps', () => {
		const buckets = bucketByPeriod(
			[
				{ at: '2026-03-02', value: 2 },
				{ at: '2026-03-04', value: 3 },
				{ at: '2026-03-18', value: 1 }
			],
			{
				period: 'week',
				timeZone: 'Asia/Shanghai',
				aggregation: 'sum',
				fillFrom: '2026-03-02',
				fillTo: '2026-03-22'
			}
		);
		expect(buckets).toEqual([
			{ periodStart: '2026-03-02', value: 5, count: 2 },
			{ periodStart: '2026-03-09', value: 0, count: 0 },
			{ periodStart: '2026-03-16', value: 1, count: 1 }
		]);
		expect(periodStartsBetween('2026-01-15', '2026-03-01', 'month')).toEqual([
			'2026-01-01',
			'2026-02-01',
			'2026-03-01'
		]);
	});
});

describe('expression functions', () => {
	const variables = ['subject', 'subject.progress', 'subject.commits', 'data.*'];
	const vars = {
		subject: { progress: 50, commits: [42, 35, 28, 20] }, // pace on 22 March is 70
		data: { start: '2026-03-01', due: '2026-03-31' },
		now: '2026-03-22'
	};
	it('evaluate inside CEL guards with the evaluation clock', () => {
		const guard = compileExpression(
			'lag(subject.progress, data.start, data.due) > 10 and declinedPeriods(subject.commits) >= 3',
			{
				variables,
				functions: domainExpressionFunctions
			}
		);
		expect(guard.ok).toBe(true);
		if (!guard.ok) return;
		expect(evaluateExpression(guard.value, vars)).toBe(true);
	});
	it('work over a fixed clock too', () => {
		const fns = expressionFunctions('2026-03-16');
		expect(fns.pace?.call(['2026-03-01', '2026-03-31'], {})).toBe(50);
		expect(fns.forecast?.call([[1, 2, 3]], {})).toBeCloseTo(4);
		expect(fns.runRate?.call([6e6, '2026-03-01', '2026-03-31'], {})).toBeCloseTo(12e6);
		expect(fns.attainment?.call([8e6, 0, 10e6], {})).toBe(80);
		expect(() => fns.declinedPeriods?.call(['x'], {})).toThrow(/list of numbers/);
	});
});

describe('paceSpan / goalPace', () => {
	const monthly = {
		startDate: '2026-01-01',
		dueDate: '2026-12-31',
		metric: { window: { kind: 'calendar' as const, period: 'month' as const } }
	};
	it('paces a calendar-month key result over its month, not the year', () => {
		expect(paceSpan(monthly, '2026-11-22T00:00:00Z')).toEqual({
			start: '2026-11-01',
			due: '2026-12-01'
		});
		// Three weeks into November: 21 of 30 days.
		expect(goalPace(monthly, '2026-11-22T00:00:00Z')).toBeCloseTo(70, 5);
	});
	it('keeps the goal dates for other windows and clamps the month to the goal', () => {
		const yearly = { startDate: '2026-01-01', dueDate: '2026-12-31' };
		expect(paceSpan(yearly, '2026-06-01')).toEqual({ start: '2026-01-01', due: '2026-12-31' });
		const late = { ...monthly, startDate: '2026-07-15' };
		expect(paceSpan(late, '2026-07-20')).toEqual({ start: '2026-07-15', due: '2026-08-01' });
		expect(paceSpan(monthly, '2027-02-10').due).toBe('2027-01-01');
	});
});
