/**
 * Calendar-date helpers. Goal dates, effective dates and daily metric values are calendar
 * dates (`YYYY-MM-DD`, no time zone); instants are epoch milliseconds. Calendar dates are
 * computed on as UTC midnights, so day arithmetic never crosses a daylight-saving shift.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** An instant: epoch milliseconds, a `Date`, or an ISO-8601 string. */
export type Instant = number | Date | string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a valid `YYYY-MM-DD` calendar date. */
export function isIsoDate(value: string): boolean {
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return date.toISOString().slice(0, 10) === value;
}

/** Epoch ms of the UTC midnight that starts the calendar date. Throws on a malformed date (a bug). */
export function dateToUtcMs(date: IsoDate): number {
	const match = ISO_DATE.exec(date);
	if (!match) throw new Error(`not an ISO date: ${date}`);
	return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** The calendar date (UTC) of an epoch-ms instant. */
export function utcMsToDate(ms: number): IsoDate {
	return new Date(ms).toISOString().slice(0, 10);
}

/** Adds whole days to a calendar date. */
export function addDays(date: IsoDate, days: number): IsoDate {
	return utcMsToDate(dateToUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
	return Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);
}

/**
 * Converts an instant or a calendar date to epoch ms. A bare `YYYY-MM-DD` means its UTC
 * midnight; numbers (and bigints, as CEL passes them) are epoch ms.
 */
export function toEpochMs(value: Instant | bigint): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'bigint') return Number(value);
	if (value instanceof Date) return value.getTime();
	if (ISO_DATE.test(value)) return dateToUtcMs(value);
	const ms = new Date(value).getTime();
	if (Number.isNaN(ms)) throw new Error(`not an instant: ${value}`);
	return ms;
}

/** First day of the month of `date`. */
export function startOfMonthDate(date: IsoDate): IsoDate {
	return `${date.slice(0, 7)}-01`;
}

/** Last day of the month of `date`. */
export function endOfMonthDate(date: IsoDate): IsoDate {
	const ms = dateToUtcMs(date);
	const d = new Date(ms);
	return utcMsToDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
}

/** Monday of the ISO week containing `date`. */
export function startOfIsoWeekDate(date: IsoDate): IsoDate {
	const weekday = (new Date(dateToUtcMs(date)).getUTCDay() + 6) % 7; // Monday = 0
	return addDays(date, -weekday);
}

/** Compares two calendar dates (string order is date order for `YYYY-MM-DD`). */
export function compareDates(a: IsoDate, b: IsoDate): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
