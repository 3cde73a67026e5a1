/**
 * The dates the demo stories are told on, all relative to `today`.
 *
 * Zhang San's month is the last complete month before today: his recovery (6M after three
 * weeks, 11M at month end) must be finished to be seen on the trend chart, whatever day of
 * the month the demo is built on. 90 days of history always cover that month whole (the
 * current month plus the story month are at most 62 days); the month before it (Wang Wu's
 * 70 % month) may be cut by a day or two at its start, and its values are placed in the
 * covered days.
 */
import {
	addDays,
	endOfMonthDate,
	startOfIsoWeekDate,
	startOfMonthDate,
	type IsoDate
} from '../dates';

/** Key dates of the demo. */
export interface StoryCalendar {
	readonly today: IsoDate;
	/** First day with metric values (today − 89: 90 days including today). */
	readonly historyStart: IsoDate;
	/** Zhang San's intervention month (the last complete month). */
	readonly storyMonth: { readonly from: IsoDate; readonly to: IsoDate };
	/** The 21st of the story month: "three weeks into the month". */
	readonly weekThreeEnd: IsoDate;
	/** The month before the story month (Wang Wu at 70 %). */
	readonly previousMonth: { readonly from: IsoDate; readonly to: IsoDate };
	readonly currentMonthStart: IsoDate;
	/** Mondays of the 13 ISO weeks ending with the current week, oldest first. */
	readonly weeks: readonly IsoDate[];
	/** The annual goals' year: the story month's year. */
	readonly year: number;
}

/** Computes the story calendar for a demo built on `today`. */
export function storyCalendar(today: IsoDate): StoryCalendar {
	const currentMonthStart = startOfMonthDate(today);
	const storyTo = addDays(currentMonthStart, -1);
	const storyFrom = startOfMonthDate(storyTo);
	const previousTo = addDays(storyFrom, -1);
	const currentWeek = startOfIsoWeekDate(today);
	return {
		today,
		historyStart: addDays(today, -89),
		storyMonth: { from: storyFrom, to: endOfMonthDate(storyFrom) },
		weekThreeEnd: `${storyFrom.slice(0, 8)}21`,
		previousMonth: { from: startOfMonthDate(previousTo), to: previousTo },
		currentMonthStart,
		weeks: Array.from({ length: 13 }, (_, i) => addDays(currentWeek, (i - 12) * 7)),
		year: Number(storyFrom.slice(0, 4))
	};
}

/** Every date from `from` to `to`, inclusive. */
export function eachDate(from: IsoDate, to: IsoDate): IsoDate[] {
	const dates: IsoDate[] = [];
	for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
	return dates;
}

/** Monday = 1 … Sunday = 7. */
export function isoWeekday(date: IsoDate): number {
	const day = new Date(`${date}T00:00:00Z`).getUTCDay();
	return day === 0 ? 7 : day;
}
