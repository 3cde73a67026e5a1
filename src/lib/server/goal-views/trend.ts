/**
 * The trend of a key result's bound metric, shaped for its window: a "10M a month" key result
 * shows the last complete month and this one, each with its pace line; a goal-long one its
 * cumulative line, pace and forecast to the due date; a rate (completion %) its weekly values
 * against the target. Past alerts stay visible after a recovery.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { expectedPace, forecastAttainment } from '../../domain/analytics';
import {
	addDays,
	dateToUtcMs,
	endOfMonthDate,
	startOfIsoWeekDate,
	startOfMonthDate
} from '../../domain/dates';
import { behindPaceDays, declineRuns, type PastAlert } from '../../components/goals/alerts';
import {
	cumulative,
	forecastLine,
	monthlyWindows,
	paceLine,
	type TrendModel,
	type TrendPoint
} from '../../components/goals/trend';
import type { GoalReport, GoalView } from '../domain/goals/read';
import { metricSeries } from '../domain/metrics/series';

export type KeyResultTrend = {
	model: TrendModel;
	pastAlerts: PastAlert[];
	/** The forecast value at the end of the current window (the due date, or the month's end). */
	forecast: number | null;
	/** Where progress should be in the current window today (0–100); null for rates. */
	pace: number | null;
	/** The window the forecast is for: the goal's due date, or the end of this month. */
	horizon: 'due' | 'month';
};

/** Days of weekly history shown for rates and unbound metrics. */
export const HISTORY_DAYS = 90;

const toPoints = (buckets: readonly { periodStart: string; value: number }[]): TrendPoint[] =>
	buckets.map((b) => ({ date: b.periodStart, value: b.value }));

/** Weekly buckets of one subject's metric over the last 90 days. */
export async function weeklySeries(
	em: EntityManager,
	orgId: string,
	input: { metricKey: string; subjectId: string; today: string }
): Promise<TrendPoint[]> {
	const series = await metricSeries(em, orgId, {
		metricKey: input.metricKey,
		subjectId: input.subjectId,
		// From the first full week inside the window, so the first bucket is not a partial one.
		from: startOfIsoWeekDate(addDays(input.today, -(HISTORY_DAYS - 1) + 6)),
		to: input.today,
		period: 'week'
	});
	return toPoints(series.buckets);
}

export async function keyResultTrend(
	em: EntityManager,
	orgId: string,
	report: GoalReport,
	today: string
): Promise<KeyResultTrend | null> {
	const goal: GoalView = report.goal;
	const metric = goal.metric;
	if (!metric) return null;
	const subjectId = metric.subjectId ?? goal.owner.id;
	const window = metric.window;
	const probe = await metricSeries(em, orgId, {
		metricKey: metric.metricKey,
		subjectId,
		from: today,
		to: today,
		period: 'day'
	});
	const aggregation = metric.aggregation ?? probe.aggregation;
	if (aggregation === 'sum' && window.kind === 'calendar' && window.period === 'month') {
		const monthStart = startOfMonthDate(today);
		// This month and the two before it: last month's story and the month it is compared with.
		const from = startOfMonthDate(addDays(startOfMonthDate(addDays(monthStart, -1)), -1));
		const daily = await metricSeries(em, orgId, {
			metricKey: metric.metricKey,
			subjectId,
			from: from < goal.startDate ? goal.startDate : from,
			to: today,
			period: 'day'
		});
		const { actual, pace } = monthlyWindows(toPoints(daily.buckets), metric);
		const current = actual[actual.length - 1] ?? [];
		const monthEnd = endOfMonthDate(today);
		const forecast =
			current.length > 0
				? forecastAttainment({
						points: current.map((p) => ({ t: dateToUtcMs(p.date), value: p.value })),
						start: monthStart,
						due: monthEnd,
						now: dateToUtcMs(addDays(today, 1)),
						baseline: metric.baseline,
						target: metric.target
					}).value
				: null;
		return {
			model: {
				actual,
				pace,
				forecast: forecastLine(current, monthEnd, forecast),
				target: null,
				events: [],
				from: pace[0]?.[0]?.date ?? from,
				to: monthEnd
			},
			pastAlerts: behindPaceDays(actual, pace),
			forecast,
			pace: expectedPace(monthStart, addDays(monthEnd, 1), addDays(today, 1)),
			horizon: 'month'
		};
	}
	if (aggregation === 'sum' && window.kind === 'goal') {
		const actual = report.series.length
			? report.series
			: cumulative([{ date: goal.startDate, value: 0 }]);
		const pace = [paceLine({ ...goal, ...metric })];
		return {
			model: {
				actual: [actual],
				pace,
				forecast: forecastLine(actual, goal.dueDate, report.forecast?.value),
				target: null,
				events: [],
				from: goal.startDate,
				to: goal.dueDate
			},
			pastAlerts: [],
			forecast: report.forecast?.value ?? null,
			pace: report.pace,
			horizon: 'due'
		};
	}
	const weekly = await weeklySeries(em, orgId, { metricKey: metric.metricKey, subjectId, today });
	const oriented =
		(metric.direction ?? probe.direction) === 'lower_is_better'
			? weekly.map((p) => ({ ...p, value: -p.value }))
			: weekly;
	return {
		model: {
			actual: [weekly],
			pace: [],
			forecast: null,
			target: metric.target,
			events: [],
			from: weekly[0]?.date ?? today,
			to: today
		},
		pastAlerts: declineRuns(oriented).map((a) =>
			a.code === 'declined_periods' && oriented !== weekly ? { ...a, from: -a.from, to: -a.to } : a
		),
		forecast: null,
		pace: null,
		horizon: 'due'
	};
}
