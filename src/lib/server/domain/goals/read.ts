/**
 * What the goal pages read: the cascade with stored progress (mind map, OKR board, Gantt,
 * list), one goal's progress report ("80% of 10M, 2M short") with pace, lag and forecast,
 * and its change history.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Goal } from '../../../domain/goals';
import {
	goalPace,
	forecastAttainment,
	trendAlerts,
	type AttainmentForecast,
	type TrendAlert
} from '../../../domain/analytics';
import { measureProgress, type KeyResultProgress } from '../../../domain/progress';
import type { MetricUnit } from '../../../domain/metrics';
import { AppError } from '../../runtime/errors';
import { transaction } from '../db';
import { isoDay } from '../issues';
import { metricSeriesIn } from '../metrics/series';
import { GOAL_SELECT, loadGoalRecord, toGoal, type GoalRecord, type GoalVisibility } from './rows';

/** A goal with its stored progress (0–100) and, for key results, the measured value. */
export type GoalView = Goal & {
	progress: number;
	attainment: number;
	current: number | null;
	progressAt: string | null;
	ownerName: string | null;
	unit: MetricUnit | null;
	visibility: GoalVisibility;
};

export type GoalFilter = { ownerId?: string; rootId?: string; includeArchived?: boolean };

type ViewRow = GoalRecord & { owner_name: string | null; unit: MetricUnit | null };

function toView(row: ViewRow): GoalView {
	return {
		...toGoal(row),
		progress: row.progress,
		attainment: row.attainment,
		current: row.current_value,
		progressAt: row.progress_at ? new Date(row.progress_at).toISOString() : null,
		ownerName: row.owner_name,
		unit: row.unit,
		visibility: row.visibility
	};
}

const VIEW_SELECT = GOAL_SELECT.replace(
	'from goal g left join metric_definition m on m.id = g.metric_id',
	`, m.unit, coalesce(e.name, u.name) as owner_name
  from goal g left join metric_definition m on m.id = g.metric_id
  left join employee e on g.owner_kind = 'person' and e.id = g.owner_id
  left join org_unit u on g.owner_kind = 'unit' and u.id = g.owner_id`
);

/** Goals of the organisation (a subtree with `rootId`, one owner's with `ownerId`), parents first. */
export async function listGoals(
	em: EntityManager,
	orgId: string,
	filter: GoalFilter = {}
): Promise<GoalView[]> {
	return transaction(em, async (db) => {
		const clauses = ['g.organisation_id = $1'];
		const values: unknown[] = [orgId];
		if (!filter.includeArchived) clauses.push(`g.status <> 'archived'`);
		if (filter.ownerId) {
			values.push(filter.ownerId);
			clauses.push(`g.owner_id = $${values.length}`);
		}
		let prefix = '';
		if (filter.rootId) {
			values.push(filter.rootId);
			prefix = `with recursive sub(id) as (select $${values.length}::uuid union
			  select c.id from goal c join sub on c.parent_id = sub.id) `;
			clauses.push('g.id in (select id from sub)');
		}
		const rows = await db.query<ViewRow>(
			`${prefix}${VIEW_SELECT} where ${clauses.join(' and ')} order by g.start_date, g.created_at`,
			values
		);
		return rows.map(toView);
	});
}

export type GoalChangeView = {
	id: string;
	kind: string;
	actorId: string | null;
	reason: string;
	before: unknown;
	after: unknown;
	at: string;
};

/** The change history of a goal, oldest first. */
export async function goalHistory(
	em: EntityManager,
	orgId: string,
	goalId: string
): Promise<GoalChangeView[]> {
	return transaction(em, async (db) => {
		if (!(await loadGoalRecord(db, orgId, goalId))) throw AppError.notFound('goal', goalId);
		const rows = await db.query<{
			id: string;
			kind: string;
			actor_id: string | null;
			reason: string;
			before: unknown;
			after: unknown;
			at: Date;
		}>(
			'select id, kind, actor_id, reason, before, after, at from goal_change where organisation_id = $1 and goal_id = $2 order by at, seq',
			[orgId, goalId]
		);
		return rows.map((r) => ({
			id: r.id,
			kind: r.kind,
			actorId: r.actor_id,
			reason: r.reason,
			before: r.before,
			after: r.after,
			at: new Date(r.at).toISOString()
		}));
	});
}

export type GoalReport = {
	goal: GoalView;
	/** Key results bound to a metric: the structured progress ("80% of 10M, 2M short"). */
	measured: KeyResultProgress | null;
	pace: number;
	lag: number;
	forecast: AttainmentForecast | null;
	alerts: TrendAlert[];
	/** Cumulative value by day over the goal's window, for the trend chart. */
	series: { date: string; value: number }[];
};

/** One goal's report at `now`: progress, pace, lag, forecast and alerts, from the same pure functions the engine's guards use. */
export async function goalReport(
	em: EntityManager,
	orgId: string,
	goalId: string,
	now: Date
): Promise<GoalReport> {
	const goal = (await listGoals(em, orgId, { rootId: goalId, includeArchived: true })).find(
		(g) => g.id === goalId
	);
	if (!goal) throw AppError.notFound('goal', goalId);
	const today = isoDay(now);
	// A monthly key result is paced over its month (the same span the guards use).
	const pace = goalPace(goal, now);
	const lag = pace - goal.progress;
	if (!goal.metric)
		return {
			goal,
			measured: null,
			pace,
			lag,
			forecast: null,
			alerts: trendAlerts({ progress: goal.progress, pace }),
			series: []
		};
	const metric = goal.metric;
	const to = today < goal.dueDate ? today : goal.dueDate;
	const daily = await transaction(em, (db) =>
		metricSeriesIn(db, orgId, {
			metricKey: metric.metricKey,
			subjectId: metric.subjectId ?? goal.owner.id,
			from: goal.startDate,
			to,
			period: 'day'
		})
	);
	let running = 0;
	const series = daily.buckets.map((b) => ({ date: b.periodStart, value: (running += b.value) }));
	const isCumulative = (metric.aggregation ?? daily.aggregation) === 'sum';
	const forecast = isCumulative
		? forecastAttainment({
				points: series.map((p) => ({ t: Date.parse(`${p.date}T00:00:00Z`), value: p.value })),
				start: goal.startDate,
				due: goal.dueDate,
				now,
				baseline: metric.baseline,
				target: metric.target
			})
		: null;
	const measured = measureProgress({
		current: goal.current,
		baseline: metric.baseline,
		target: metric.target,
		direction: metric.direction ?? daily.direction,
		unit: goal.unit,
		window: null
	});
	const alerts = trendAlerts({
		progress: goal.progress,
		pace,
		...(forecast ? { forecastAttainment: forecast.attainment } : {})
	});
	return { goal, measured, pace, lag, forecast, alerts, series };
}

/** Who owns a goal (for the policy check before a change), or null when there is no such goal. */
export async function loadGoalOwner(
	em: EntityManager,
	orgId: string,
	goalId: string
): Promise<Goal['owner'] | null> {
	const rows = await transaction(em, (db) =>
		db.query<{ owner_kind: 'person' | 'unit'; owner_id: string }>(
			'select owner_kind, owner_id from goal where organisation_id = $1 and id = $2',
			[orgId, goalId]
		)
	);
	const row = rows[0];
	return row ? { kind: row.owner_kind, id: row.owner_id } : null;
}
