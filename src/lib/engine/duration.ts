const ISO_DURATION =
	/^P(?!$)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?!$)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One day in milliseconds. */
export const DAY_MS = DAY;

/** Whether `text` is an ISO-8601 duration such as `P7D`, `PT12H` or `P1M`. */
export function isIsoDuration(text: string): boolean {
	return ISO_DURATION.test(text);
}

/**
 * Converts an ISO-8601 duration to milliseconds. Months count 30 days and years 365, so a
 * timer's due time is a fixed offset (the runtime stores absolute due times anyway).
 * Returns `undefined` for text that is not a duration.
 * @example parseIsoDuration('P1DT12H') // 129600000
 */
export function parseIsoDuration(text: string): number | undefined {
	const match = ISO_DURATION.exec(text);
	if (!match) return undefined;
	const [years, months, weeks, days, hours, minutes, seconds] = match
		.slice(1)
		.map((part) => (part === undefined ? 0 : Number(part))) as number[];
	return (
		(years ?? 0) * 365 * DAY +
		(months ?? 0) * 30 * DAY +
		(weeks ?? 0) * 7 * DAY +
		(days ?? 0) * DAY +
		(hours ?? 0) * HOUR +
		(minutes ?? 0) * MINUTE +
		(seconds ?? 0) * SECOND
	);
}
