/** Mapping between goal rows and the domain's {@link Goal}. */
import type { Goal } from '../../../domain/goals';
import type { MetricWindow } from '../../../domain/progress';
import type { Db } from '../db';

export type GoalRecord = {
	id: string;
	parent_id: string | null;
	kind: Goal['kind'];
	title: Goal['title'];
	owner_kind: 'person' | 'unit';
	owner_id: string;
	start_date: string;
	due_date: string;
	weight: number;
	status: Goal['status'];
	category: string | null;
	supports: string[];
	metric_key: string | null;
	metric_subject_id: string | null;
	baseline: number | null;
	target: number | null;
	direction: 'higher_is_better' | 'lower_is_better' | null;
	aggregation: NonNullable<Goal['metric']>['aggregation'] | null;
	metric_window: MetricWindow | null;
	progress: number;
	attainment: number;
	current_value: number | null;
	progress_at: Date | null;
	version: number;
	visibility: GoalVisibility;
};

export const GOAL_VISIBILITIES = ['visible', 'private'] as const;
/** Who sees a goal: everyone in the organisation, or the owner's line and hr (the policy decides). */
export type GoalVisibility = (typeof GOAL_VISIBILITIES)[number];

export const GOAL_SELECT = `select g.id, g.parent_id, g.kind, g.title, g.owner_kind, g.owner_id,
  g.start_date::text, g.due_date::text, g.weight, g.status, g.category, g.supports,
  m.key as metric_key, g.metric_subject_id, g.baseline, g.target, g.direction, g.aggregation,
  g.metric_window, g.progress, g.attainment, g.current_value, g.progress_at, g.version, g.visibility
  from goal g left join metric_definition m on m.id = g.metric_id`;

export function toGoal(row: GoalRecord): Goal {
	return {
		id: row.id,
		kind: row.kind,
		title: row.title,
		owner: { kind: row.owner_kind, id: row.owner_id },
		parentId: row.parent_id,
		startDate: row.start_date,
		dueDate: row.due_date,
		weight: row.weight,
		status: row.status,
		supports: row.supports,
		...(row.category ? { category: row.category } : {}),
		...(row.metric_key && row.baseline !== null && row.target !== null
			? {
					metric: {
						metricKey: row.metric_key,
						baseline: row.baseline,
						target: row.target,
						window: row.metric_window ?? { kind: 'goal' },
						...(row.direction ? { direction: row.direction } : {}),
						...(row.aggregation ? { aggregation: row.aggregation } : {}),
						...(row.metric_subject_id && row.metric_subject_id !== row.owner_id
							? { subjectId: row.metric_subject_id }
							: {})
					}
				}
			: {}),
		...(row.kind === 'key_result' && !row.metric_key && row.target !== null
			? {
					manual: {
						baseline: row.baseline ?? 0,
						target: row.target,
						current: row.current_value
					}
				}
			: {})
	};
}

export async function loadGoalRecord(
	db: Db,
	orgId: string,
	id: string,
	lock = false
): Promise<GoalRecord | undefined> {
	const rows = await db.query<GoalRecord>(
		`${GOAL_SELECT} where g.organisation_id = $1 and g.id = $2${lock ? ' for update of g' : ''}`,
		[orgId, id]
	);
	return rows[0];
}

/** Inserts goals (already validated) in one statement. Metric keys must be resolved to ids. */
export async function insertGoals(
	db: Db,
	orgId: string,
	goals: readonly (Goal & { metricId?: string | null; visibility?: GoalVisibility })[]
): Promise<void> {
	if (goals.length === 0) return;
	const col = <T>(
		pick: (g: Goal & { metricId?: string | null; visibility?: GoalVisibility }) => T
	) => goals.map(pick);
	await db.query(
		`insert into goal (id, organisation_id, parent_id, kind, title, owner_kind, owner_id, start_date,
		   due_date, weight, status, category, supports, metric_id, metric_subject_id, baseline, target,
		   direction, aggregation, metric_window, visibility)
		 select id, $1, parent_id, kind, title, owner_kind, owner_id, start_date, due_date, weight, status,
		   category, supports, metric_id, metric_subject_id, baseline, target, direction, aggregation, metric_window,
		   visibility
		 from unnest($2::uuid[], $3::uuid[], $4::text[], $5::jsonb[], $6::text[], $7::uuid[], $8::date[],
		   $9::date[], $10::float8[], $11::text[], $12::text[], $13::jsonb[], $14::uuid[], $15::uuid[],
		   $16::float8[], $17::float8[], $18::text[], $19::text[], $20::jsonb[], $21::text[])
		   as t(id, parent_id, kind, title, owner_kind, owner_id, start_date, due_date, weight, status,
		   category, supports, metric_id, metric_subject_id, baseline, target, direction, aggregation, metric_window,
		   visibility)`,
		[
			orgId,
			col((g) => g.id),
			col((g) => g.parentId),
			col((g) => g.kind),
			col((g) => JSON.stringify(g.title)),
			col((g) => g.owner.kind),
			col((g) => g.owner.id),
			col((g) => g.startDate),
			col((g) => g.dueDate),
			col((g) => g.weight),
			col((g) => g.status),
			col((g) => g.category ?? null),
			col((g) => JSON.stringify(g.supports)),
			col((g) => (g.metric ? (g.metricId ?? null) : null)),
			col((g) => (g.metric ? (g.metric.subjectId ?? g.owner.id) : null)),
			col((g) => g.metric?.baseline ?? g.manual?.baseline ?? null),
			col((g) => g.metric?.target ?? g.manual?.target ?? null),
			col((g) => g.metric?.direction ?? null),
			col((g) => g.metric?.aggregation ?? null),
			col((g) => (g.metric ? JSON.stringify(g.metric.window) : null)),
			col((g) => g.visibility ?? 'visible')
		]
	);
}
