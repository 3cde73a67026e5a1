/**
 * Formatting for the viewer: the locale comes from paraglide, the time zone from the browser
 * (or the server's zone during SSR, corrected after hydration by the caller passing `timeZone`).
 */

export type Localised = string | Partial<Record<string, string>> | null | undefined;

/** Picks the viewer's locale from a per-locale map, falling back to English, then to any value. */
export function pickLocalised(value: Localised, locale: string, fallback = 'en'): string {
	if (value == null) return '';
	if (typeof value === 'string') return value;
	return value[locale] ?? value[fallback] ?? Object.values(value).find((v) => !!v) ?? '';
}

function toDate(value: Date | string | number): Date | null {
	const date = value instanceof Date ? value : new Date(value);
	return Number.isNaN(date.getTime()) ? null : date;
}

export interface DateFormatOptions {
	locale: string;
	timeZone?: string;
}

/** "4 Dec 2025, 09:15" style date and time. */
export function formatDateTime(
	value: Date | string | number | null | undefined,
	{ locale, timeZone }: DateFormatOptions
): string {
	if (value == null) return '';
	const date = toDate(value);
	if (!date) return '';
	return new Intl.DateTimeFormat(locale, {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone
	}).format(date);
}

/** "4 Dec 2025" style date. */
export function formatDate(
	value: Date | string | number | null | undefined,
	{ locale, timeZone }: DateFormatOptions
): string {
	if (value == null) return '';
	const date = toDate(value);
	if (!date) return '';
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(date);
}

/** Relative time such as "3 days ago" / "in 2 hours", measured against `now`. */
export function formatRelative(
	value: Date | string | number | null | undefined,
	{ locale, now }: { locale: string; now: Date | number }
): string {
	if (value == null) return '';
	const date = toDate(value);
	if (!date) return '';
	const seconds = Math.round((date.getTime() - new Date(now).getTime()) / 1000);
	const units: [Intl.RelativeTimeFormatUnit, number][] = [
		['year', 31_536_000],
		['month', 2_592_000],
		['week', 604_800],
		['day', 86_400],
		['hour', 3_600],
		['minute', 60]
	];
	const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	for (const [unit, size] of units) {
		if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
	}
	return rtf.format(seconds, 'second');
}

export function formatNumber(value: number | null | undefined, locale: string): string {
	if (value == null || Number.isNaN(value)) return '';
	return new Intl.NumberFormat(locale).format(value);
}

/** The IANA zone name if the runtime knows it (a cookie from the browser is untrusted input). */
export function validTimeZone(value: string | null | undefined): string | undefined {
	if (!value || value.length > 64) return undefined;
	try {
		new Intl.DateTimeFormat('en', { timeZone: value });
		return value;
	} catch {
		return undefined;
	}
}
