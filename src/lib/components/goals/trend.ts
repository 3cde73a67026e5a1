/**
 * Chart models for a key result's bound metric: what was reached (a line per window), where it
 * should be (the expected pace line), and where it is heading (the forecast to the due date).
 * Pure; the server passes daily or weekly buckets in, the TrendChart draws the result.
 */
import { addDays, endOfMonthDate, startOfMonthDate } from '../../domain/dates';

export type TrendPoint = { date: string; value: number };

export type TrendEvent = {
	date: string;
	kind: 'alert' | 'feedback' | 'reply' | 'intervention' | 'training';
	text: string;
};

export type TrendModel = {
	/** One line per window (a calendar-month key result restarts every month). */
	actual: TrendPoint[][];
	/** The expected pace: one segment per window, from baseline to target. */
	pace: TrendPoint[][];
	/** From the last actual point to the forecast at the due date. */
	forecast: TrendPoint[] | null;
	/** A flat target for non-cumulative series (rates, averages). */
	target: number | null;
	events: TrendEvent[];
	from: string;
	to: string;
};

/** Running sum of daily values. */
export function cumulative(daily: readonly TrendPoint[]): TrendPoint[] {
	let sum = 0;
	return daily.map((p) => ({ date: p.date, value: (sum += p.value) }));
}

/**
 * A cumulative line that restarts every calendar month, with a pace segment per month from the
 * baseline to the target (a "10M a month" key result).
 */
export function monthlyWindows(
	daily: readonly TrendPoint[],
	input: { baseline: number; target: number }
): { actual: TrendPoint[][]; pace: TrendPoint[][] } {
	const months = new Map<string, TrendPoint[]>();
	for (const p of daily) {
		const key = startOfMonthDate(p.date);
		const list = months.get(key);
		if (list) list.push(p);
		else months.set(key, [p]);
	}
	const actual: TrendPoint[][] = [];
	const pace: TrendPoint[][] = [];
	for (const [monthStart, points] of months) {
		actual.push(cumulative(points).map((p) => ({ date: p.date, value: p.value + input.baseline })));
		pace.push([
			{ date: monthStart, value: input.baseline },
			{ date: endOfMonthDate(monthStart), value: input.target }
		]);
	}
	return { actual, pace };
}

/** The straight expected-pace line of a goal window. */
export function paceLine(input: {
	startDate: string;
	dueDate: string;
	baseline: number;
	target: number;
}): TrendPoint[] {
	return [
		{ date: input.startDate, value: input.baseline },
		{ date: input.dueDate, value: input.target }
	];
}

/** From the last point to the forecast value at the due date; null when there is nothing to extend. */
export function forecastLine(
	actual: readonly TrendPoint[],
	dueDate: string,
	value: number | null | undefined
): TrendPoint[] | null {
	const last = actual[actual.length - 1];
	if (!last || value == null || !Number.isFinite(value) || last.date >= dueDate) return null;
	return [last, { date: dueDate, value }];
}

/** The value of a cumulative line on `date` (the last point on or before it). */
export function valueOn(line: readonly TrendPoint[], date: string): number | null {
	let found: number | null = null;
	for (const p of line) if (p.date <= date) found = p.value;
	return found;
}

/** The day after a date, for "from the day after the last value". */
export const nextDay = (date: string) => addDays(date, 1);
