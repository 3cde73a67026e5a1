/**
 * The read-only Gantt: the span every row shares, month ticks, and each goal's bar as
 * fractions of that span (so the chart scales to any width without measuring). Pure.
 */
import { dateToUtcMs } from '../../domain/dates';

export type TimelineSpan = { from: string; to: string };
export type Bar = { left: number; width: number };
export type Tick = { date: string; at: number };

/** The span covering every row, widened to whole months. */
export function timelineSpan(
	rows: readonly { startDate: string; dueDate: string }[]
): TimelineSpan | null {
	if (rows.length === 0) return null;
	let from = rows[0]!.startDate;
	let to = rows[0]!.dueDate;
	for (const r of rows) {
		if (r.startDate < from) from = r.startDate;
		if (r.dueDate > to) to = r.dueDate;
	}
	const end = new Date(`${to.slice(0, 7)}-01T00:00:00Z`);
	end.setUTCMonth(end.getUTCMonth() + 1);
	end.setUTCDate(0);
	return { from: `${from.slice(0, 7)}-01`, to: end.toISOString().slice(0, 10) };
}

const fraction = (span: TimelineSpan, date: string) => {
	const from = dateToUtcMs(span.from);
	const total = dateToUtcMs(span.to) + 86_400_000 - from;
	return Math.min(1, Math.max(0, (dateToUtcMs(date) - from) / total));
};

/** A bar from the start of `startDate` to the end of `dueDate`, as fractions of the span. */
export function barFor(span: TimelineSpan, startDate: string, dueDate: string): Bar {
	const left = fraction(span, startDate);
	const end =
		fraction(span, dueDate) +
		86_400_000 / (dateToUtcMs(span.to) + 86_400_000 - dateToUtcMs(span.from));
	return { left, width: Math.max(0.004, Math.min(1, end) - left) };
}

/** Where `date` falls in the span (0–1), or null outside it. */
export function markerAt(span: TimelineSpan, date: string): number | null {
	if (date < span.from || date > span.to) return null;
	return fraction(span, date);
}

/** The first day of every `every`-th month in the span. */
export function monthTicks(span: TimelineSpan, every = 1): Tick[] {
	const ticks: Tick[] = [];
	const at = new Date(`${span.from.slice(0, 7)}-01T00:00:00Z`);
	let i = 0;
	while (at.toISOString().slice(0, 10) <= span.to) {
		const date = at.toISOString().slice(0, 10);
		if (i % every === 0) ticks.push({ date, at: fraction(span, date) });
		at.setUTCMonth(at.getUTCMonth() + 1);
		i++;
	}
	return ticks;
}
