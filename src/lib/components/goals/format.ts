/**
 * Formatting of metric values and progress for the goal views: currency and counts through
 * Intl for the viewer's locale ("¥10M" in English, "¥1000万" in Chinese), percentages of
 * progress, and the parts of the "80% of ¥10M, ¥2M short" sentence.
 */
import type { MetricUnit } from '../../domain/metrics';

export type FormatOptions = { compact?: boolean };

/** A metric value in its unit. Percent metrics hold 0–100. */
export function formatMetric(
	value: number | null | undefined,
	unit: MetricUnit | null | undefined,
	locale: string,
	{ compact = false }: FormatOptions = {}
): string {
	if (value == null || !Number.isFinite(value)) return '–';
	const notation = compact ? 'compact' : 'standard';
	if (unit?.kind === 'currency') {
		return new Intl.NumberFormat(locale, {
			style: 'currency',
			currency: unit.code,
			currencyDisplay: 'narrowSymbol',
			notation,
			maximumFractionDigits: compact ? 1 : unit.decimals,
			minimumFractionDigits: 0
		}).format(value);
	}
	if (unit?.kind === 'percent') {
		return new Intl.NumberFormat(locale, {
			style: 'percent',
			maximumFractionDigits: unit.decimals
		}).format(value / 100);
	}
	return new Intl.NumberFormat(locale, {
		notation,
		maximumFractionDigits: compact ? 1 : (unit?.decimals ?? 2)
	}).format(value);
}

/** A progress percentage (0–100, may exceed 100 for attainment) with no decimals. */
export function formatPercent(value: number | null | undefined, locale: string): string {
	if (value == null || !Number.isFinite(value)) return '–';
	return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
		value / 100
	);
}

/** Percentage points ("12 pts" is left to the message; this gives the number). */
export function formatPoints(value: number, locale: string): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.abs(value));
}

export type GapParts =
	| { status: 'no_data'; target: string }
	| { status: 'short'; progress: string; target: string; gap: string; current: string }
	| { status: 'met'; progress: string; target: string; current: string }
	| { status: 'exceeded'; progress: string; target: string; over: string; current: string };

/** The formatted parts of a key result's progress sentence. */
export function gapParts(
	measured: {
		status: 'no_data' | 'short' | 'met' | 'exceeded';
		attainment: number;
		current: number | null;
		target: number;
		gap: number;
		exceededBy: number;
		unit: MetricUnit | null;
	},
	locale: string
): GapParts {
	const fmt = (v: number | null) => formatMetric(v, measured.unit, locale, { compact: true });
	const target = fmt(measured.target);
	if (measured.status === 'no_data') return { status: 'no_data', target };
	// Below the baseline reads as 0 %: "-37% of 3M" helps nobody.
	const progress = formatPercent(Math.max(0, measured.attainment), locale);
	const current = fmt(measured.current);
	if (measured.status === 'short')
		return { status: 'short', progress, target, gap: fmt(measured.gap), current };
	if (measured.status === 'exceeded')
		return { status: 'exceeded', progress, target, over: fmt(measured.exceededBy), current };
	return { status: 'met', progress, target, current };
}

/** A calendar date (YYYY-MM-DD) in the viewer's locale; dates are zone-free, so UTC. */
export function formatDay(
	date: string,
	locale: string,
	style: 'medium' | 'short' | 'month' = 'medium'
): string {
	const at = new Date(`${date}T00:00:00Z`);
	if (Number.isNaN(at.getTime())) return date;
	const options: Intl.DateTimeFormatOptions =
		style === 'month'
			? { month: 'short', timeZone: 'UTC' }
			: style === 'short'
				? { month: 'short', day: 'numeric', timeZone: 'UTC' }
				: { dateStyle: 'medium', timeZone: 'UTC' };
	return new Intl.DateTimeFormat(locale, options).format(at);
}

/** The gap sentence's inputs from a cascade goal's stored progress (any direction). */
export function measuredFromGoal(goal: {
	attainment: number;
	current: number | null;
	metric: { baseline: number; target: number; unit: MetricUnit | null } | null;
	manual?: { baseline: number; target: number } | null;
}): Parameters<typeof gapParts>[0] | null {
	const measure = goal.metric ?? (goal.manual ? { ...goal.manual, unit: null } : null);
	if (!measure) return null;
	const span = Math.abs(measure.target - measure.baseline);
	const share = goal.attainment / 100;
	const status =
		goal.current === null
			? 'no_data'
			: goal.attainment > 100.0001
				? 'exceeded'
				: goal.attainment >= 99.9999
					? 'met'
					: 'short';
	return {
		status,
		attainment: goal.attainment,
		current: goal.current,
		target: measure.target,
		gap: Math.max(0, span * (1 - share)),
		exceededBy: Math.max(0, span * (share - 1)),
		unit: measure.unit
	};
}
