/**
 * The domain's view of a subject for guards: `subject.metrics.<key>` (the metric's value in its
 * current period; a derived metric computed from its inputs' values), `subject.keyResults.<key>` (value, target, progress, pace, lag of the key
 * result that binds it), and `subject.progress` / `subject.pace` / `subject.lag` over the
 * subject's own top goals. Shares are 0..1 like `periodElapsed`, so a guard reads
 * `subject.progress < subject.pace - 0.1`. Loaded with one statement, and only for definitions
 * whose expressions name any of it.
 */
import { goalPace } from '../../domain/analytics';
import {
	compileMetrics,
	evaluateDerived,
	type CompiledMetrics
} from '../../domain/metric-validation';
import type { MetricDefinition } from '../../domain/metrics';
import type { MetricWindow } from '../../domain/progress';
import type { Subject } from './engine-port';
import type { Sql } from './pg';

export type KeyResultFacts = {
	value: number | null;
	target: number;
	baseline: number;
	progress: number;
	pace: number;
	lag: number;
};

export type SubjectData = {
	metrics: Record<string, number>;
	keyResults: Record<string, KeyResultFacts>;
	progress?: number;
	pace?: number;
	lag?: number;
};

const READS = /subject\.(metrics|keyResults|progress|pace|lag)\b/;
const readsByVersion = new Map<string, boolean>();

/** Whether a definition's content names subject metrics or progress (cached per version id). */
export function readsSubjectData(versionId: string, content: unknown): boolean {
	let reads = readsByVersion.get(versionId);
	if (reads === undefined) {
		reads = READS.test(typeof content === 'string' ? content : JSON.stringify(content ?? null));
		if (readsByVersion.size > 10_000) readsByVersion.clear();
		readsByVersion.set(versionId, reads);
	}
	return reads;
}

type GoalFacts = {
	key?: string;
	current_value: number | null;
	target?: number;
	baseline?: number;
	progress: number;
	weight: number;
	start_date: string;
	due_date: string;
	metric_window?: MetricWindow | null;
};

// Key results the subject is measured by, its own top goals (no parent of its own), and each
// metric's value in the period containing $3 (UTC calendar periods, ISO weeks).
const SUBJECT_DATA_SQL = `select
  (select coalesce(json_agg(k), '[]'::json) from (
     select m.key, g.current_value, g.target, g.baseline, g.progress, g.weight,
            g.start_date::text as start_date, g.due_date::text as due_date, g.metric_window
       from goal g join metric_definition m on m.id = g.metric_id
      where g.organisation_id = $1 and g.kind = 'key_result' and g.status = 'active'
        and coalesce(g.metric_subject_id, g.owner_id) = $2
      order by g.due_date, g.id) k) as key_results,
  (select coalesce(json_agg(t), '[]'::json) from (
     select g.current_value, g.progress, g.weight, g.start_date::text as start_date, g.due_date::text as due_date,
            g.metric_window
       from goal g left join goal p on p.id = g.parent_id
      where g.organisation_id = $1 and g.owner_kind = 'person' and g.owner_id = $2 and g.status = 'active'
        and (p.id is null or p.owner_kind <> 'person' or p.owner_id <> $2)) t) as goals,
  (select coalesce(json_object_agg(a.key, a.value), '{}'::json) from (
     select m.key, case m.aggregation
         when 'sum' then sum(v.value) when 'average' then avg(v.value) when 'min' then min(v.value)
         when 'max' then max(v.value) when 'count' then count(*)::float8
         else (array_agg(v.value order by v.at desc))[1] end as value
       from metric_definition m join metric_value v
         on v.organisation_id = m.organisation_id and v.metric_id = m.id and v.subject_id = $2
        and v.at >= date_trunc(m.period, $3::timestamp)::date and v.at <= $3::date
      where m.organisation_id = $1
      group by m.key, m.aggregation) a) as metrics,
  (select coalesce(json_agg(json_build_object('key', m.key, 'name', m.name, 'unit', m.unit,
       'aggregation', m.aggregation, 'period', m.period, 'direction', m.direction, 'formula', m.formula)
       order by m.key), '[]'::json)
     from metric_definition m where m.organisation_id = $1
      and exists (select 1 from metric_definition d where d.organisation_id = $1 and d.formula is not null)
  ) as definitions`;

type StoredDefinition = Omit<MetricDefinition, 'formula'> & { formula: string | null };

const compiledBySource = new Map<string, CompiledMetrics | null>();

/** The organisation's derived metrics, compiled once per set of formulas. */
function derivedMetrics(definitions: readonly StoredDefinition[]): CompiledMetrics | null {
	const source = definitions.map((d) => `${d.key}=${d.formula ?? ''}`).join(';');
	let compiled = compiledBySource.get(source);
	if (compiled === undefined) {
		const result = compileMetrics(
			definitions.map(({ formula, ...d }) => (formula ? { ...d, formula } : d))
		);
		compiled = result.ok ? result.value : null;
		if (compiledBySource.size > 100) compiledBySource.clear();
		compiledBySource.set(source, compiled);
	}
	return compiled;
}

// A monthly key result is paced over its month, as on the goal pages (`goalPace`).
const paced = (g: GoalFacts) => ({
	startDate: g.start_date,
	dueDate: g.due_date,
	metric: g.metric_window ? { window: g.metric_window } : null
});

const share = (percent: number) => Math.round(percent * 100) / 10_000;

function weighted(goals: readonly GoalFacts[], pick: (goal: GoalFacts) => number): number {
	const total = goals.reduce((sum, goal) => sum + Math.max(goal.weight, 0), 0);
	if (total <= 0) return goals.reduce((sum, goal) => sum + pick(goal), 0) / goals.length;
	return goals.reduce((sum, goal) => sum + pick(goal) * Math.max(goal.weight, 0), 0) / total;
}

/** Reads the subject's metric and goal facts at `now` in the caller's transaction. */
export async function loadSubjectData(
	sql: Sql,
	orgId: string,
	subjectId: string,
	now: Date
): Promise<SubjectData> {
	const rows = await sql<{
		key_results: GoalFacts[];
		goals: GoalFacts[];
		metrics: Record<string, number>;
		definitions: StoredDefinition[];
	}>('lw_subject_data', SUBJECT_DATA_SQL, [orgId, subjectId, now.toISOString()]);
	const row = rows[0];
	const data: SubjectData = { metrics: { ...row?.metrics }, keyResults: {} };
	// Derived metrics (profit per user = profit / active users) from the period's base values.
	const derived = row?.definitions.length ? derivedMetrics(row.definitions) : null;
	if (derived) {
		const values = evaluateDerived(derived, data.metrics);
		for (const key of derived.formulas.keys()) {
			const value = values[key];
			if (typeof value === 'number' && Number.isFinite(value)) data.metrics[key] = value;
		}
	}
	for (const kr of row?.key_results ?? []) {
		if (!kr.key) continue;
		const pace = goalPace(paced(kr), now);
		data.keyResults[kr.key] ??= {
			value: kr.current_value,
			target: kr.target ?? 0,
			baseline: kr.baseline ?? 0,
			progress: share(kr.progress),
			pace: share(pace),
			lag: share(pace - kr.progress)
		};
		if (data.metrics[kr.key] === undefined && kr.current_value !== null)
			data.metrics[kr.key] = kr.current_value;
	}
	const goals = row?.goals ?? [];
	if (goals.length > 0) {
		const progress = weighted(goals, (g) => g.progress);
		const pace = weighted(goals, (g) => goalPace(paced(g), now));
		data.progress = share(progress);
		data.pace = share(pace);
		data.lag = share(pace - progress);
	}
	return data;
}

/** The subject with the domain's facts merged in (metrics replace the empty placeholder). */
export function withSubjectData(subject: Subject, data: SubjectData): Subject {
	return {
		...subject,
		metrics: { ...subject.metrics, ...data.metrics },
		keyResults: data.keyResults,
		...(data.progress !== undefined
			? { progress: data.progress, pace: data.pace, lag: data.lag }
			: {})
	};
}
