/**
 * Pace, lag, forecasts and trend alerts. Progress values are percentages (0–100); instants
 * are epoch ms or ISO text. The same functions back the expression functions HR uses in
 * workflow guards (see `expression-functions.ts`).
 */
import { addDays, toEpochMs, utcMsToDate, type Instant, type IsoDate } from './dates';
import { periodRange } from './metrics';
import { clampPercent, type MetricWindow } from './progress';

/** How expected progress grows between start and due: evenly, slowly first, or fast first. */
export type PaceCurve = 'linear' | 'ease_in' | 'ease_out';

/**
 * Where progress should be at `now` (0–100) if work went to plan between `start` and `due`.
 * Before the start it is 0, after the due date 100. A bare calendar date is its UTC midnight,
 * so pass the day after a goal's due date to count the due day in full.
 */
export function expectedPace(
	start: Instant,
	due: Instant,
	now: Instant,
	curve: PaceCurve = 'linear'
): number {
	const from = toEpochMs(start);
	const to = toEpochMs(due);
	const at = toEpochMs(now);
	if (to <= from) return at >= to ? 100 : 0;
	const fraction = Math.min(1, Math.max(0, (at - from) / (to - from)));
	const shaped =
		curve === 'linear'
			? fraction
			: curve === 'ease_in'
				? fraction * fraction
				: 1 - (1 - fraction) ** 2;
	return shaped * 100;
}

/**
 * The span a goal's pace runs over at `now`. A key result measured per calendar period ("10M
 * a month") is paced over the period containing `now` (within the goal's dates, the period's
 * last day counted in full), so three weeks into a month its pace is about 70 %, not the
 * year's share; any other goal over its own start and due dates.
 */
export function paceSpan(
	goal: {
		readonly startDate: IsoDate;
		readonly dueDate: IsoDate;
		readonly metric?: { readonly window: MetricWindow } | null;
	},
	now: Instant
): { readonly start: IsoDate; readonly due: IsoDate } {
	const window = goal.metric?.window;
	if (window?.kind !== 'calendar') return { start: goal.startDate, due: goal.dueDate };
	const day = utcMsToDate(toEpochMs(now));
	const clamped = day < goal.startDate ? goal.startDate : day > goal.dueDate ? goal.dueDate : day;
	const period = periodRange(window.period, clamped);
	return {
		start: period.from < goal.startDate ? goal.startDate : period.from,
		due: addDays(period.to > goal.dueDate ? goal.dueDate : period.to, 1)
	};
}

/** Expected pace of a goal at `now` over its `paceSpan` (0–100). */
export function goalPace(goal: Parameters<typeof paceSpan>[0], now: Instant): number {
	const span = paceSpan(goal, now);
	return expectedPace(span.start, span.due, now);
}

/** How far progress is behind the expected pace, in percentage points (negative = ahead). */
export function lagBehindPace(
	progress: number,
	start: Instant,
	due: Instant,
	now: Instant
): number {
	return expectedPace(start, due, now) - progress;
}

/** A point of a series: `t` is any monotonic x (epoch ms or period index). */
export interface SeriesPoint {
	readonly t: number;
	readonly value: number;
}

/** Least-squares line through points: value ≈ intercept + slope × t. Null under two distinct t. */
export function leastSquares(
	points: readonly SeriesPoint[]
): { slope: number; intercept: number } | null {
	const n = points.length;
	if (n < 2) return null;
	const meanT = points.reduce((s, p) => s + p.t, 0) / n;
	const meanV = points.reduce((s, p) => s + p.value, 0) / n;
	let num = 0;
	let den = 0;
	for (const p of points) {
		num += (p.t - meanT) * (p.value - meanV);
		den += (p.t - meanT) ** 2;
	}
	if (den === 0) return null;
	const slope = num / den;
	return { slope, intercept: meanV - slope * meanT };
}

/**
 * Forecasts a cumulative value at `at` from the trend of the last `lastN` points (default 8)
 * by least squares. With fewer than two points it returns the last value (no trend to follow).
 */
export function forecastTrend(
	points: readonly SeriesPoint[],
	at: number,
	lastN = 8
): number | null {
	const recent = points.slice(-Math.max(2, lastN));
	const line = leastSquares(recent);
	if (line) return line.intercept + line.slope * at;
	return recent[recent.length - 1]?.value ?? null;
}

/**
 * Run-rate forecast: the value so far, extrapolated at the same average speed to the due
 * date. "6M in 21 days of a 30-day month" gives 8.57M.
 */
export function forecastRunRate(
	current: number,
	start: Instant,
	now: Instant,
	due: Instant
): number {
	const from = toEpochMs(start);
	const elapsed = toEpochMs(now) - from;
	const total = toEpochMs(due) - from;
	if (elapsed <= 0) return current;
	return (current * total) / elapsed;
}

/** Expected attainment at the due date, as a percentage towards the target (clamped 0–100 in `progress`). */
export interface AttainmentForecast {
	readonly method: 'trend' | 'run_rate';
	readonly value: number;
	readonly attainment: number;
	readonly progress: number;
}

/**
 * Forecasts attainment of a cumulative key result at `due`: by trend when enough points are
 * given, else by run rate from `baseline` at `start`.
 */
export function forecastAttainment(input: {
	readonly points: readonly SeriesPoint[];
	readonly start: Instant;
	readonly due: Instant;
	readonly now: Instant;
	readonly baseline: number;
	readonly target: number;
	readonly lastN?: number;
}): AttainmentForecast {
	const due = toEpochMs(input.due);
	const span = input.target - input.baseline;
	const useTrend = input.points.length >= 3;
	const last = input.points[input.points.length - 1]?.value ?? input.baseline;
	const value = useTrend
		? (forecastTrend(input.points, due, input.lastN) ?? last)
		: input.baseline + forecastRunRate(last - input.baseline, input.start, input.now, due);
	const attainment = span === 0 ? 100 : ((value - input.baseline) / span) * 100;
	return {
		method: useTrend ? 'trend' : 'run_rate',
		value,
		attainment,
		progress: clampPercent(attainment)
	};
}

/**
 * How many periods in a row the series has declined at its end: `[10, 9, 7, 4]` → 3. A flat
 * step ends the run (it is not a decline).
 */
export function consecutiveDeclines(series: readonly number[]): number {
	let count = 0;
	for (let i = series.length - 1; i > 0; i--) {
		if ((series[i] as number) < (series[i - 1] as number)) count++;
		else break;
	}
	return count;
}

/** An early warning. The UI translates `code` with the numbers given. */
export type TrendAlert =
	| {
			readonly code: 'declined_periods';
			readonly periods: number;
			readonly from: number;
			readonly to: number;
	  }
	| {
			readonly code: 'behind_pace';
			readonly lag: number;
			readonly threshold: number;
			readonly pace: number;
			readonly progress: number;
	  }
	| { readonly code: 'forecast_short'; readonly forecast: number; readonly threshold: number };

/** Thresholds for {@link trendAlerts}. */
export interface TrendAlertOptions {
	/** Alert when the series declined at least this many periods running (default 3). */
	readonly declinedPeriods?: number;
	/** Alert when behind pace by more than this many points (default 10). */
	readonly behindPaceBy?: number;
	/** Alert when the forecast attainment is below this percentage (default: off). */
	readonly forecastBelow?: number;
}

/**
 * Early warnings for one subject: a series declining N periods running (Li Si's weekly
 * commits), progress behind pace by more than X points (Zhang San in week three), a forecast
 * below a threshold.
 */
export function trendAlerts(
	input: {
		readonly series?: readonly number[];
		readonly progress?: number;
		readonly pace?: number;
		readonly forecastAttainment?: number;
	},
	options: TrendAlertOptions = {}
): TrendAlert[] {
	const alerts: TrendAlert[] = [];
	const minDeclines = options.declinedPeriods ?? 3;
	if (input.series) {
		const periods = consecutiveDeclines(input.series);
		if (periods >= minDeclines) {
			const to = input.series[input.series.length - 1] as number;
			const from = input.series[input.series.length - 1 - periods] as number;
			alerts.push({ code: 'declined_periods', periods, from, to });
		}
	}
	const threshold = options.behindPaceBy ?? 10;
	if (
		input.progress !== undefined &&
		input.pace !== undefined &&
		input.pace - input.progress > threshold
	) {
		alerts.push({
			code: 'behind_pace',
			lag: input.pace - input.progress,
			threshold,
			pace: input.pace,
			progress: input.progress
		});
	}
	if (
		options.forecastBelow !== undefined &&
		input.forecastAttainment !== undefined &&
		input.forecastAttainment < options.forecastBelow
	) {
		alerts.push({
			code: 'forecast_short',
			forecast: input.forecastAttainment,
			threshold: options.forecastBelow
		});
	}
	return alerts;
}
