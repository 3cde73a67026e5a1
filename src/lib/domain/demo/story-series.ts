/**
 * 90 days of metric values ending at `today` that reproduce the article's stories:
 * - Zhang San: 6M of 10M after three weeks of the story month, then 100 leads from marketing
 *   and the sales director on key visits, ending the month at 11M;
 * - Li Si: weekly commits fall three weeks running while task completion drops 90 % → 70 %;
 *   after his workload is adjusted completion recovers to 85 %;
 * - Wang Wu: 70 % of his 2M target in the month before the story month, 95 % in it, once he
 *   times his visits with marketing's brand-exposure campaign.
 * - the story people's weekly peer-feedback pulse, the collaboration item of their evaluations.
 * Everyone else gets plausible noise around their targets.
 */
import { addDays, compareDates, type IsoDate } from '../dates';
import type { MetricValue } from '../metrics';
import type { Employee } from '../org';
import { eachDate, isoWeekday, type StoryCalendar } from './calendar';
import { splitInteger, type Prng } from './prng';

/** Weekly commits of Li Si for weeks 0–12 of the calendar (week 12 is the current week). */
export const LI_SI_WEEKLY_COMMITS = [42, 40, 43, 41, 42, 44, 36, 29, 21, 28, 33, 37, 38] as const;
/** Li Si's weekly task completion rate (%), same weeks. */
export const LI_SI_WEEKLY_COMPLETION = [
	90, 91, 90, 89, 90, 90, 84, 77, 70, 76, 81, 85, 85
] as const;
/** Index of the week after which Li Si's workload is adjusted (the third declining week). */
export const LI_SI_LOW_WEEK = 8;
/**
 * The weekly peer-feedback pulse (% of positive answers) of the story people, weeks 0–12:
 * the collaboration item of their evaluations. Li Si's dips while he is overloaded.
 */
export const PEER_FEEDBACK: Readonly<Record<string, readonly number[]>> = {
	'emp-zhang-san': [91, 92, 90, 93, 92, 94, 93, 92, 95, 94, 95, 94, 95],
	'emp-wang-wu': [84, 85, 83, 86, 85, 87, 86, 88, 87, 88, 89, 88, 89],
	'emp-li-si': [90, 89, 91, 90, 89, 88, 84, 80, 78, 82, 85, 87, 88]
};

const ZHANG_SAN = 'emp-zhang-san';
const WANG_WU = 'emp-wang-wu';
const LI_SI = 'emp-li-si';

type Emit = (metricKey: string, subjectId: string, date: IsoDate, value: number) => void;

/** Spreads an integer total over dates, weekdays weighing more than weekends. */
function spread(
	emit: Emit,
	metricKey: string,
	subjectId: string,
	dates: readonly IsoDate[],
	total: number,
	prng: Prng,
	weekendWeight = 0.3
): void {
	const weights = dates.map((d) => (isoWeekday(d) >= 6 ? weekendWeight : prng.between(0.7, 1.3)));
	splitInteger(Math.round(total), weights).forEach((value, i) =>
		emit(metricKey, subjectId, dates[i] as IsoDate, value)
	);
}

/** Splits the history window into month segments: [from, to, daysInMonth]. */
function monthSegments(calendar: StoryCalendar): [IsoDate, IsoDate, number][] {
	const segments: [IsoDate, IsoDate, number][] = [];
	let from = calendar.historyStart;
	while (compareDates(from, calendar.today) <= 0) {
		const monthStart = `${from.slice(0, 8)}01`;
		const next = new Date(`${monthStart}T00:00:00Z`);
		next.setUTCMonth(next.getUTCMonth() + 1);
		const monthEnd = addDays(next.toISOString().slice(0, 10), -1);
		const to = compareDates(monthEnd, calendar.today) < 0 ? monthEnd : calendar.today;
		segments.push([from, to, Number(monthEnd.slice(8, 10))]);
		from = addDays(to, 1);
	}
	return segments;
}

/**
 * Monthly sales for one person: `monthly(monthStart)` gives the month's total; a partial month
 * at either end of the window gets its share by days.
 */
function monthlySales(
	emit: Emit,
	calendar: StoryCalendar,
	subjectId: string,
	prng: Prng,
	monthly: (monthStart: IsoDate) => number,
	isWhole: (monthStart: IsoDate) => boolean = () => false
): void {
	for (const [from, to, days] of monthSegments(calendar)) {
		const dates = eachDate(from, to);
		const monthStart = `${from.slice(0, 8)}01`;
		const share = isWhole(monthStart) ? 1 : dates.length / days;
		spread(emit, 'sales_amount', subjectId, dates, monthly(monthStart) * share, prng);
	}
}

function zhangSan(emit: Emit, calendar: StoryCalendar, prng: Prng): void {
	const { storyMonth, weekThreeEnd } = calendar;
	for (const [from, to, days] of monthSegments(calendar)) {
		if (from === storyMonth.from) {
			// A slow first fortnight (3.5M) is what puts him visibly behind pace before week three ends.
			spread(emit, 'sales_amount', ZHANG_SAN, eachDate(from, addDays(from, 13)), 3_500_000, prng);
			spread(
				emit,
				'sales_amount',
				ZHANG_SAN,
				eachDate(addDays(from, 14), weekThreeEnd),
				2_500_000,
				prng
			);
			spread(
				emit,
				'sales_amount',
				ZHANG_SAN,
				eachDate(addDays(weekThreeEnd, 1), to),
				5_000_000,
				prng,
				0.8
			);
			continue;
		}
		const dates = eachDate(from, to);
		spread(emit, 'sales_amount', ZHANG_SAN, dates, (9_600_000 * dates.length) / days, prng);
	}
	for (const date of eachDate(calendar.historyStart, calendar.today)) {
		if (isoWeekday(date) >= 6) continue;
		const afterIntervention =
			compareDates(date, weekThreeEnd) > 0 && compareDates(date, storyMonth.to) <= 0;
		emit('customer_visits', ZHANG_SAN, date, afterIntervention ? prng.int(3, 4) : prng.int(1, 2));
	}
}

function wangWu(emit: Emit, calendar: StoryCalendar, prng: Prng): void {
	const { storyMonth, previousMonth } = calendar;
	monthlySales(
		emit,
		calendar,
		WANG_WU,
		prng,
		(monthStart) =>
			monthStart === previousMonth.from
				? 1_400_000
				: monthStart === storyMonth.from
					? 1_900_000
					: monthStart < previousMonth.from
						? 1_360_000
						: 1_900_000,
		// The 90 days may start a day or two into the previous month: its 70 % is kept whole.
		(monthStart) => monthStart === previousMonth.from
	);
	for (const date of eachDate(calendar.historyStart, calendar.today)) {
		if (isoWeekday(date) >= 6) continue;
		const timed = compareDates(date, storyMonth.from) >= 0;
		emit('customer_visits', WANG_WU, date, timed ? prng.int(2, 3) : prng.int(1, 2));
	}
}

function weekly(
	emit: Emit,
	calendar: StoryCalendar,
	subjectId: string,
	prng: Prng,
	commits: readonly number[],
	completion: readonly number[]
): void {
	calendar.weeks.forEach((monday, week) => {
		const workdays = eachDate(monday, addDays(monday, 4)).filter(
			(d) => compareDates(d, calendar.historyStart) >= 0 && compareDates(d, calendar.today) <= 0
		);
		if (workdays.length === 0) return;
		spread(
			emit,
			'commit_count',
			subjectId,
			workdays,
			((commits[week] ?? 0) * workdays.length) / 5,
			prng
		);
		emit(
			'task_completion_rate',
			subjectId,
			workdays[workdays.length - 1] as IsoDate,
			completion[week] ?? 0
		);
	});
}

function companyMetrics(emit: Emit, calendar: StoryCalendar, prng: Prng): void {
	const days = eachDate(calendar.historyStart, calendar.today);
	const { storyMonth } = calendar;
	days.forEach((date, i) => {
		const inStory =
			compareDates(date, storyMonth.from) >= 0 && compareDates(date, storyMonth.to) <= 0;
		emit('active_users', 'co', date, Math.round(238_000 + i * 260 + prng.between(-800, 800)));
		emit('profit', 'co', date, Math.round(prng.between(70_000, 95_000)));
		emit('cost', 'co', date, Math.round(prng.between(180_000, 220_000)));
		emit(
			'new_registrations',
			'dept-marketing',
			date,
			Math.round((inStory ? 3_500 : 2_800) * prng.between(0.8, 1.2))
		);
		// Marketing's brand campaign runs through the story month: Wang Wu times his visits with it.
		emit(
			'brand_exposure',
			'dept-marketing',
			date,
			Math.round((inStory ? 105_000 : 65_000) * prng.between(0.85, 1.15))
		);
		if (date.endsWith('-28')) {
			emit('retention_rate', 'co', date, Math.round(prng.between(66, 72) * 10) / 10);
			emit('user_satisfaction', 'dept-product', date, Math.round(prng.between(85, 89) * 10) / 10);
		}
		if (date.endsWith('-10') || date.endsWith('-24'))
			emit('feature_releases', 'emp-qian-jin', date, 1);
		if (date.endsWith('-15')) emit('feature_releases', 'dept-product', date, 1);
	});
}

/** Generates every demo metric value, in no particular order. */
export function buildStorySeries(
	calendar: StoryCalendar,
	people: readonly Employee[],
	prng: Prng
): MetricValue[] {
	const values: MetricValue[] = [];
	const emit: Emit = (metricKey, subjectId, date, value) => {
		values.push({ metricKey, subjectId, date, value });
	};
	zhangSan(emit, calendar, prng);
	wangWu(emit, calendar, prng);
	weekly(emit, calendar, LI_SI, prng, LI_SI_WEEKLY_COMMITS, LI_SI_WEEKLY_COMPLETION);
	companyMetrics(emit, calendar, prng);
	// Fixed numbers (no draw from the generator), so the other series stay as they were.
	for (const [subjectId, pulses] of Object.entries(PEER_FEEDBACK)) {
		calendar.weeks.forEach((monday, week) => {
			const friday = addDays(monday, 4);
			if (compareDates(friday, calendar.historyStart) < 0) return;
			if (compareDates(friday, calendar.today) > 0) return;
			emit('peer_feedback', subjectId, friday, pulses[week] ?? 0);
		});
	}
	for (const person of people) {
		if (person.id === ZHANG_SAN || person.id === WANG_WU || person.id === LI_SI) continue;
		if (person.jobFamily === 'sales' && person.managerId !== 'emp-chen-jing') {
			const level = prng.between(1_200_000, 2_200_000);
			monthlySales(emit, calendar, person.id, prng, () => level * prng.between(0.85, 1.15));
		} else if (person.jobFamily === 'engineering' && person.id !== 'emp-liu-yang') {
			const commits = calendar.weeks.map(() => prng.int(28, 46));
			const completion = calendar.weeks.map(() => prng.int(84, 96));
			weekly(emit, calendar, person.id, prng, commits, completion);
		}
	}
	// The sales department's own series is the sum of its people's, so that "120M" rolls up.
	const departmentSales = new Map<IsoDate, number>();
	const salesPeople = new Set(people.filter((p) => p.jobFamily === 'sales').map((p) => p.id));
	for (const value of values) {
		if (value.metricKey !== 'sales_amount' || !salesPeople.has(value.subjectId)) continue;
		departmentSales.set(value.date, (departmentSales.get(value.date) ?? 0) + value.value);
	}
	for (const [date, total] of departmentSales) emit('sales_amount', 'dept-sales', date, total);
	return values;
}
