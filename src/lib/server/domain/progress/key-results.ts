/**
 * Recomputing key results from metric data: which key results a change of values touches
 * (their metric, or a derived metric over it, for their subject), the aggregate of each one's
 * window in one query, the domain's progress measure, one write, then the roll-up.
 */
import { formulaReferences } from '../../../domain/metrics';
import { compileMetrics, evaluateDerived } from '../../../domain/metric-validation';
import {
	measureProgress,
	resolveWindow,
	scoringWindow,
	type MetricWindow
} from '../../../domain/progress';
import type { DateRange } from '../../../domain/metrics';
import type { Db } from '../db';
import { loadMetrics, type StoredMetric } from '../metrics/definitions';
import { rollUp } from './rollup';

type KeyResultRow = {
	id: string;
	metric_id: string;
	subject_id: string;
	start_date: string;
	due_date: string;
	baseline: number;
	target: number;
	direction: StoredMetric['direction'] | null;
	aggregation: StoredMetric['aggregation'] | null;
	metric_window: MetricWindow | null;
};

const KR_COLUMNS = `g.id, g.metric_id, g.metric_subject_id as subject_id, g.start_date::text, g.due_date::text,
  g.baseline, g.target, g.direction, g.aggregation, g.metric_window`;

/** Base metrics a metric's value depends on (itself when it is not derived). */
function baseInputs(
	metric: StoredMetric,
	byKey: ReadonlyMap<string, StoredMetric>,
	seen = new Set<string>()
): StoredMetric[] {
	if (!metric.formula) return [metric];
	if (seen.has(metric.key)) return [];
	seen.add(metric.key);
	return formulaReferences(metric.formula).flatMap((key) => {
		const input = byKey.get(key);
		return input ? baseInputs(input, byKey, seen) : [];
	});
}

type Request = {
	metricId: string;
	subjectId: string;
	from: string;
	to: string;
	aggregation: string;
};

async function aggregateWindows(
	db: Db,
	orgId: string,
	requests: readonly Request[]
): Promise<(number | null)[]> {
	if (requests.length === 0) return [];
	const rows = await db.query<{ idx: number; value: number | null }>(
		`select r.idx, case r.agg
		   when 'sum' then coalesce(sum(v.value), 0)
		   when 'count' then count(v.value)::float8
		   when 'average' then avg(v.value)
		   when 'min' then min(v.value)
		   when 'max' then max(v.value)
		   else (array_agg(v.value order by v.at desc, v.ingested_at desc) filter (where r.agg = 'last'))[1]
		 end as value
		 from unnest($2::int[], $3::uuid[], $4::uuid[], $5::date[], $6::date[], $7::text[])
		   as r(idx, metric_id, subject_id, from_d, to_d, agg)
		 left join metric_value v on v.organisation_id = $1 and v.metric_id = r.metric_id
		   and v.subject_id = r.subject_id and v.at between r.from_d and r.to_d
		 group by r.idx, r.agg`,
		[
			orgId,
			requests.map((_, i) => i),
			requests.map((r) => r.metricId),
			requests.map((r) => r.subjectId),
			requests.map((r) => r.from),
			requests.map((r) => r.to),
			requests.map((r) => r.aggregation)
		]
	);
	const values: (number | null)[] = requests.map(() => null);
	for (const row of rows) values[row.idx] = row.value;
	return values;
}

/** Measures the given key-result rows at `asOf` and writes their progress. Returns new progress by id. */
async function measure(
	db: Db,
	orgId: string,
	rows: readonly KeyResultRow[],
	metrics: readonly StoredMetric[],
	asOf: string
): Promise<Map<string, number>> {
	const byId = new Map(metrics.map((m) => [m.id, m]));
	const byKey = new Map(metrics.map((m) => [m.key, m]));
	const compiled = compileMetrics(metrics);
	const requests: Request[] = [];
	type Input = { key: string; index: number };
	const request = (metric: StoredMetric, row: KeyResultRow, range: DateRange): Input[] =>
		baseInputs(metric, byKey).map((input) => {
			const aggregation = !metric.formula && row.aggregation ? row.aggregation : input.aggregation;
			requests.push({
				metricId: input.id,
				subjectId: row.subject_id,
				from: range.from,
				to: range.to,
				aggregation
			});
			return { key: input.key, index: requests.length - 1 };
		});
	const plans = rows.map((row) => {
		const metric = byId.get(row.metric_id);
		if (!metric) return null;
		const goal = { startDate: row.start_date, dueDate: row.due_date };
		const kind = row.metric_window ?? { kind: 'goal' };
		const window = resolveWindow(kind, goal, asOf);
		const scored = scoringWindow(kind, goal, asOf);
		return {
			row,
			metric,
			window,
			inputs: request(metric, row, window),
			scored: scored && { window: scored, inputs: request(metric, row, scored) }
		};
	});
	const aggregated = await aggregateWindows(db, orgId, requests);
	const valueOf = (metric: StoredMetric, inputs: readonly Input[]): number | null => {
		if (!metric.formula) return aggregated[inputs[0]?.index ?? -1] ?? null;
		if (!compiled.ok) return null;
		const base: Record<string, number | null> = {};
		for (const input of inputs) base[input.key] = aggregated[input.index] ?? null;
		return evaluateDerived(compiled.value, base)[metric.key] ?? null;
	};
	const ids: string[] = [];
	const progress: number[] = [];
	const attainment: number[] = [];
	const scoredAttainment: (number | null)[] = [];
	const current: (number | null)[] = [];
	for (const plan of plans) {
		if (!plan) continue;
		const measureIn = (window: DateRange, inputs: readonly Input[]) =>
			measureProgress({
				current: valueOf(plan.metric, inputs),
				baseline: plan.row.baseline,
				target: plan.row.target,
				direction: plan.row.direction ?? plan.metric.direction,
				window
			});
		const measured = measureIn(plan.window, plan.inputs);
		ids.push(plan.row.id);
		progress.push(measured.progress);
		attainment.push(measured.attainment);
		scoredAttainment.push(
			plan.scored ? measureIn(plan.scored.window, plan.scored.inputs).attainment : null
		);
		current.push(measured.current);
	}
	if (ids.length > 0) {
		await db.query(
			`update goal g set progress = v.progress, attainment = v.attainment,
			   scored_attainment = v.scored, current_value = v.current, progress_at = now()
			 from unnest($2::uuid[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])
			   as v(id, progress, attainment, scored, current)
			 where g.organisation_id = $1 and g.id = v.id`,
			[orgId, ids, progress, attainment, scoredAttainment, current]
		);
	}
	return new Map(ids.map((id, i) => [id, progress[i] ?? 0]));
}

export type RecomputeResult = { keyResults: number; goalsChanged: number; ownersChanged: string[] };

/**
 * After values of (metric, subject) pairs changed: re-measures the key results bound to them
 * (directly or through a derived metric) and rolls the change up the cascade.
 */
export async function recomputeForValues(
	db: Db,
	orgId: string,
	touched: readonly { metricId: string; subjectId: string }[],
	asOf: string
): Promise<RecomputeResult> {
	if (touched.length === 0) return { keyResults: 0, goalsChanged: 0, ownersChanged: [] };
	// JIT compiles these window aggregates and the cascade walk for longer than they run.
	await db.query('set local jit = off');
	const metrics = await loadMetrics(db, orgId);
	const byId = new Map(metrics.map((m) => [m.id, m]));
	const byKey = new Map(metrics.map((m) => [m.key, m]));
	const touchedMetrics = new Set(touched.map((t) => t.metricId));
	const derived = metrics.filter(
		(m) => m.formula && baseInputs(m, byKey).some((input) => touchedMetrics.has(input.id))
	);
	const pairs = new Set<string>();
	for (const t of touched) {
		pairs.add(`${t.metricId}|${t.subjectId}`);
		if (!byId.get(t.metricId)?.formula)
			for (const d of derived) pairs.add(`${d.id}|${t.subjectId}`);
	}
	const split = [...pairs].map((pair) => pair.split('|') as [string, string]);
	const rows = await db.query<KeyResultRow>(
		`select ${KR_COLUMNS} from goal g
		 join unnest($2::uuid[], $3::uuid[]) as t(metric_id, subject_id)
		   on g.metric_id = t.metric_id and g.metric_subject_id = t.subject_id
		 where g.organisation_id = $1 and g.kind = 'key_result' and g.status <> 'archived'`,
		[orgId, split.map((p) => p[0]), split.map((p) => p[1])]
	);
	return measureAndRollUp(db, orgId, rows, metrics, asOf);
}

/** Re-measures the given key results (after a re-target or when bound) and rolls up. */
export async function recomputeGoals(
	db: Db,
	orgId: string,
	goalIds: readonly string[],
	asOf: string
): Promise<RecomputeResult> {
	if (goalIds.length === 0) return { keyResults: 0, goalsChanged: 0, ownersChanged: [] };
	await db.query('set local jit = off');
	const rows = await db.query<KeyResultRow>(
		`select ${KR_COLUMNS} from (select distinct unnest($2::uuid[]) as id) k join goal g on g.id = k.id
		 where g.organisation_id = $1
		 and g.kind = 'key_result' and g.metric_id is not null and g.status <> 'archived'`,
		[orgId, goalIds]
	);
	return measureAndRollUp(db, orgId, rows, await loadMetrics(db, orgId), asOf);
}

/** Key results whose due date lies this many days back are still re-measured once a day. */
const SETTLE_DAYS = 31;

/**
 * Re-measures the key results whose window moves with the date, as of `asOf`: calendar
 * periods (a new month starts empty, and the month before becomes the scored one) and
 * trailing windows (old values drop out). Without it their progress would stand where the
 * last import left it. Goal-long windows only change with data, so they are left to the
 * ingestion path. Run once a day (see `startDailyRemeasure`); running it twice is harmless.
 */
export async function remeasureMovingWindows(
	db: Db,
	orgId: string,
	asOf: string
): Promise<RecomputeResult> {
	await db.query('set local jit = off');
	const rows = await db.query<KeyResultRow>(
		`select ${KR_COLUMNS} from goal g
		 where g.organisation_id = $1 and g.kind = 'key_result' and g.metric_id is not null
		   and g.status <> 'archived' and g.metric_window ->> 'kind' in ('calendar', 'trailing')
		   and g.start_date <= $2::date and g.due_date >= $2::date - $3::int`,
		[orgId, asOf, SETTLE_DAYS]
	);
	if (rows.length === 0) return { keyResults: 0, goalsChanged: 0, ownersChanged: [] };
	return measureAndRollUp(db, orgId, rows, await loadMetrics(db, orgId), asOf);
}

async function measureAndRollUp(
	db: Db,
	orgId: string,
	rows: readonly KeyResultRow[],
	metrics: readonly StoredMetric[],
	asOf: string
): Promise<RecomputeResult> {
	const measured = await measure(db, orgId, rows, metrics, asOf);
	const rolled = await rollUp(db, orgId, measured);
	const changedIds = [...new Set([...measured.keys(), ...rolled.keys()])];
	// A join, not `id = any($2)`: the array filter is checked row by row (quadratic at scale).
	const owners = await db.query<{ owner_id: string }>(
		`select distinct g.owner_id from unnest($2::uuid[]) as c(id)
		 join goal g on g.id = c.id and g.organisation_id = $1 where g.owner_kind = 'person'`,
		[orgId, changedIds]
	);
	return {
		keyResults: measured.size,
		goalsChanged: changedIds.length,
		ownersChanged: owners.map((o) => o.owner_id)
	};
}
