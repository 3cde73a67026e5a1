/**
 * Progress of key results, measured from metric data. A key result binds a metric with a
 * baseline, a target and a window; progress is how far the current value has moved from the
 * baseline towards the target, clamped to 0–100 %. The raw (unclamped) attainment is kept for
 * scoring, which caps it separately.
 */
import { addDays, compareDates, type IsoDate } from './dates';
import {
	aggregateInRange,
	periodRange,
	type Aggregation,
	type DateRange,
	type Direction,
	type MetricDefinition,
	type MetricUnit,
	type MetricValue,
	type Period
} from './metrics';

/**
 * Which metric values count for a key result:
 * - `goal`: from the goal's start date to the as-of date (capped at the due date);
 * - `calendar`: the calendar period (week, month…) containing the as-of date, e.g. "10M a month";
 * - `trailing`: the last `days` days up to the as-of date.
 */
export type MetricWindow =
	| { readonly kind: 'goal' }
	| { readonly kind: 'calendar'; readonly period: Period }
	| { readonly kind: 'trailing'; readonly days: number };

/** A key result's binding to a metric. Direction and aggregation default to the metric's. */
export interface KeyResultMetric {
	readonly metricKey: string;
	readonly baseline: number;
	readonly target: number;
	readonly window: MetricWindow;
	readonly direction?: Direction;
	readonly aggregation?: Aggregation;
	/** Whose values count; defaults to the goal's owner id. */
	readonly subjectId?: string;
}

/** Structured progress of a key result; the UI formats it ("80% of ¥10M, ¥2M short"). */
export interface KeyResultProgress {
	/** 0–100, clamped. */
	readonly progress: number;
	/** Unclamped percentage of the way from baseline to target (may be < 0 or > 100). */
	readonly attainment: number;
	/** The aggregated metric value, or null when there is no data in the window. */
	readonly current: number | null;
	readonly baseline: number;
	readonly target: number;
	/** How much is still missing to reach the target, ≥ 0, in the metric's unit. */
	readonly gap: number;
	/** How far beyond the target, ≥ 0. */
	readonly exceededBy: number;
	readonly direction: Direction;
	readonly unit: MetricUnit | null;
	readonly status: 'no_data' | 'short' | 'met' | 'exceeded';
	readonly window: DateRange | null;
}

/** Clamps to 0–100 (NaN becomes 0). */
export function clampPercent(value: number): number {
	if (!Number.isFinite(value)) return value === Infinity ? 100 : 0;
	return Math.min(100, Math.max(0, value));
}

/**
 * Measures progress from a current value. Higher-is-better: (current − baseline) /
 * (target − baseline); lower-is-better mirrors it (a cost going from 100 down to a target of
 * 80 is at 50 % when it reaches 90).
 */
export function measureProgress(input: {
	readonly current: number | null;
	readonly baseline: number;
	readonly target: number;
	readonly direction: Direction;
	readonly unit?: MetricUnit | null;
	readonly window?: DateRange | null;
}): KeyResultProgress {
	const { current, baseline, target, direction } = input;
	const base = {
		baseline,
		target,
		direction,
		unit: input.unit ?? null,
		window: input.window ?? null
	};
	if (current === null) {
		return {
			...base,
			progress: 0,
			attainment: 0,
			current,
			gap: Math.abs(target - baseline),
			exceededBy: 0,
			status: 'no_data'
		};
	}
	const span = target - baseline;
	const moved = current - baseline;
	const attainment = span === 0 ? (moved === 0 ? 100 : 0) : (moved / span) * 100;
	const missing = direction === 'higher_is_better' ? target - current : current - target;
	const gap = Math.max(0, missing);
	const exceededBy = Math.max(0, -missing);
	const status = gap > 0 ? 'short' : exceededBy > 0 ? 'exceeded' : 'met';
	return {
		...base,
		progress: clampPercent(attainment),
		attainment,
		current,
		gap,
		exceededBy,
		status
	};
}

/** The date range a key result's window covers at `asOf`. */
export function resolveWindow(
	window: MetricWindow,
	goal: { readonly startDate: IsoDate; readonly dueDate: IsoDate },
	asOf: IsoDate
): DateRange {
	const to = compareDates(asOf, goal.dueDate) > 0 ? goal.dueDate : asOf;
	switch (window.kind) {
		case 'goal':
			return { from: goal.startDate, to };
		case 'calendar': {
			const range = periodRange(window.period, to);
			return { from: range.from, to };
		}
		case 'trailing': {
			return { from: addDays(to, 1 - Math.max(1, window.days)), to };
		}
	}
}

/**
 * The window a key result is *scored* on at `asOf`, when it differs from the one its progress
 * shows. A key result measured per calendar period ("10M a month") shows the running period,
 * which on the 4th of the month holds four days of data; scoring that would grade everyone
 * down at every period start. So while the running period is incomplete, an evaluation counts
 * the last complete one. Returns null when the shown window is the scored one: other window
 * kinds, a complete period, a goal that has ended (its last, partial period is its final
 * one), or no complete period inside the goal yet.
 */
export function scoringWindow(
	window: MetricWindow,
	goal: { readonly startDate: IsoDate; readonly dueDate: IsoDate },
	asOf: IsoDate
): DateRange | null {
	if (window.kind !== 'calendar') return null;
	if (compareDates(asOf, goal.dueDate) >= 0) return null;
	const running = periodRange(window.period, asOf);
	if (compareDates(asOf, running.to) >= 0) return null;
	const previous = periodRange(window.period, addDays(running.from, -1));
	if (compareDates(previous.to, goal.startDate) < 0) return null;
	return previous;
}

/**
 * Progress of a key result at `asOf` from raw metric values. `values` may contain other
 * metrics and subjects; only the bound metric and subject count.
 */
export function keyResultProgress(
	goal: {
		readonly startDate: IsoDate;
		readonly dueDate: IsoDate;
		readonly owner: { readonly id: string };
		readonly metric?: KeyResultMetric;
	},
	metric: MetricDefinition,
	values: readonly MetricValue[],
	asOf: IsoDate
): KeyResultProgress | null {
	const binding = goal.metric;
	if (!binding) return null;
	const subjectId = binding.subjectId ?? goal.owner.id;
	const window = resolveWindow(binding.window, goal, asOf);
	const own = values.filter((v) => v.metricKey === binding.metricKey && v.subjectId === subjectId);
	const current = aggregateInRange(own, binding.aggregation ?? metric.aggregation, window);
	return measureProgress({
		current,
		baseline: binding.baseline,
		target: binding.target,
		direction: binding.direction ?? metric.direction,
		unit: metric.unit,
		window
	});
}

/**
 * A translation-ready description of a progress value: a message key plus parameters
 * (numbers stay numbers; the UI formats them in the metric's unit and the reader's locale).
 */
export function progressMessage(progress: KeyResultProgress): {
	key: `progress.${KeyResultProgress['status']}`;
	params: {
		progress: number;
		current: number;
		target: number;
		gap: number;
		exceededBy: number;
		unit: string;
	};
} {
	const unit = progress.unit;
	return {
		key: `progress.${progress.status}`,
		params: {
			progress: Math.round(progress.progress),
			current: progress.current ?? 0,
			target: progress.target,
			gap: progress.gap,
			exceededBy: progress.exceededBy,
			unit:
				unit === null
					? ''
					: unit.kind === 'currency'
						? unit.code
						: unit.kind === 'percent'
							? '%'
							: unit.label
		}
	};
}
