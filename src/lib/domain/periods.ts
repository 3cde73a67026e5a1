/**
 * Period bucketing in a time zone. A timestamp belongs to the week or month of the wall-clock
 * date where the subject works: a sale at 23:30 on Sunday in Shanghai is that week's, even
 * though it is Sunday 15:30 UTC. Calendar dates (`YYYY-MM-DD`) are already local and are
 * bucketed as they are.
 */
import { TZDate } from '@date-fns/tz';
import { format, startOfMonth, startOfWeek } from 'date-fns';
import { isIsoDate, startOfIsoWeekDate, startOfMonthDate, type IsoDate } from './dates';
import { aggregate, type Aggregation } from './metrics';

export type BucketPeriod = 'day' | 'week' | 'month';

/** A value at an instant (epoch ms) or on a local calendar date. */
export interface TimedValue {
	readonly at: number | IsoDate;
	readonly value: number;
}

/** One period's aggregated value. `periodStart` is the local date that starts the period. */
export interface PeriodBucket {
	readonly periodStart: IsoDate;
	readonly value: number;
	readonly count: number;
}

/** The local date (in `timeZone`) that starts the period containing `at`. Weeks start Monday. */
export function periodStartOf(
	at: number | IsoDate,
	period: BucketPeriod,
	timeZone: string
): IsoDate {
	if (typeof at === 'string' && isIsoDate(at)) {
		if (period === 'day') return at;
		return period === 'week' ? startOfIsoWeekDate(at) : startOfMonthDate(at);
	}
	const local = new TZDate(typeof at === 'number' ? at : new Date(at).getTime(), timeZone);
	const start =
		period === 'day'
			? local
			: period === 'week'
				? startOfWeek(local, { weekStartsOn: 1 })
				: startOfMonth(local);
	return format(start, 'yyyy-MM-dd');
}

/**
 * Groups values into periods and aggregates each. Buckets come back in date order; periods
 * without values are absent unless `fillFrom`/`fillTo` ask for a gap-free series (missing
 * periods then hold the aggregation of nothing: 0 for sum/count, and are skipped otherwise).
 */
export function bucketByPeriod(
	values: Iterable<TimedValue>,
	options: {
		readonly period: BucketPeriod;
		readonly timeZone: string;
		readonly aggregation: Aggregation;
		readonly fillFrom?: IsoDate;
		readonly fillTo?: IsoDate;
	}
): PeriodBucket[] {
	const groups = new Map<IsoDate, { at: number; value: number }[]>();
	for (const item of values) {
		const key = periodStartOf(item.at, options.period, options.timeZone);
		const order = typeof item.at === 'number' ? item.at : Date.parse(`${item.at}T00:00:00Z`);
		const list = groups.get(key);
		if (list) list.push({ at: order, value: item.value });
		else groups.set(key, [{ at: order, value: item.value }]);
	}
	if (options.fillFrom !== undefined && options.fillTo !== undefined) {
		for (const key of periodStartsBetween(options.fillFrom, options.fillTo, options.period)) {
			if (!groups.has(key)) groups.set(key, []);
		}
	}
	const buckets: PeriodBucket[] = [];
	for (const [periodStart, list] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
		list.sort((a, b) => a.at - b.at);
		const value = aggregate(
			list.map((entry) => entry.value),
			options.aggregation
		);
		if (value !== null) buckets.push({ periodStart, value, count: list.length });
	}
	return buckets;
}

/** Starts of every period from the one containing `from` to the one containing `to`. */
export function periodStartsBetween(from: IsoDate, to: IsoDate, period: BucketPeriod): IsoDate[] {
	const result: IsoDate[] = [];
	let current = periodStartOf(from, period, 'UTC');
	const last = periodStartOf(to, period, 'UTC');
	while (current <= last) {
		result.push(current);
		const d = new Date(`${current}T00:00:00Z`);
		if (period === 'day') d.setUTCDate(d.getUTCDate() + 1);
		else if (period === 'week') d.setUTCDate(d.getUTCDate() + 7);
		else d.setUTCMonth(d.getUTCMonth() + 1);
		current = d.toISOString().slice(0, 10);
	}
	return result;
}
