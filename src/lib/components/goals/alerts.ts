/**
 * Alerts found in a metric's past, not only at its end: the first day each month a key result
 * fell behind pace, and every run of three or more declining weeks. The domain's
 * `trendAlerts` answers "is there an alert now"; these keep an alert visible after the
 * recovery, beside the trend that shows it.
 */
import { expectedPace } from '../../domain/analytics';
import { addDays } from '../../domain/dates';
import type { TrendPoint } from './trend';

export type PastAlert =
	| { date: string; code: 'behind_pace'; progress: number; pace: number }
	| {
			date: string;
			code: 'declined_periods';
			periods: number;
			from: number;
			to: number;
			since: string;
	  };

/**
 * The first day in each window where progress lagged the expected pace by more than
 * `threshold` points. `windows[i]` is cumulative; `paces[i]` is its [start, end] pace segment.
 */
export function behindPaceDays(
	windows: readonly TrendPoint[][],
	paces: readonly TrendPoint[][],
	threshold = 10
): PastAlert[] {
	const alerts: PastAlert[] = [];
	windows.forEach((line, i) => {
		const segment = paces[i];
		const start = segment?.[0];
		const end = segment?.[1];
		if (!start || !end || end.value === start.value) return;
		for (const point of line) {
			// The value of a day counts at its end.
			const pace = expectedPace(start.date, addDays(end.date, 1), addDays(point.date, 1));
			const progress = ((point.value - start.value) / (end.value - start.value)) * 100;
			if (pace - progress > threshold) {
				alerts.push({ date: point.date, code: 'behind_pace', progress, pace });
				return;
			}
		}
	});
	return alerts;
}

/** Every maximal run of at least `min` consecutive declines, dated at its lowest point. */
export function declineRuns(points: readonly TrendPoint[], min = 3): PastAlert[] {
	const alerts: PastAlert[] = [];
	let runStart = 0;
	for (let i = 1; i <= points.length; i++) {
		const declined = i < points.length && points[i]!.value < points[i - 1]!.value;
		if (declined) continue;
		const periods = i - 1 - runStart;
		if (periods >= min) {
			const first = points[runStart]!;
			const last = points[i - 1]!;
			alerts.push({
				date: last.date,
				code: 'declined_periods',
				periods,
				from: first.value,
				to: last.value,
				since: first.date
			});
		}
		runStart = i;
	}
	return alerts;
}

/** How far a decline fell, relative to where it started (0.22 = fell by 22 %). */
export function declineDepth(alert: PastAlert): number {
	if (alert.code !== 'declined_periods' || alert.from === 0) return 0;
	return (alert.from - alert.to) / Math.abs(alert.from);
}
