/**
 * The PostgreSQL bulk path: most rows of an import are new, so they are COPYed straight into
 * metric_value; only the rest goes through a staging table and an upsert.
 *
 * The rows are grouped by (metric, subject, day) in memory. A group is "new" when
 * metric_value holds no key of that day within the group's source-id range: one index probe
 * per group (some tens of thousands), not per row. New groups are COPYed into metric_value in
 * key order, which keeps the index inserts on neighbouring pages. The other groups are COPYed
 * into a temporary staging table and merged with `INSERT … ON CONFLICT … DO UPDATE … WHERE
 * value is distinct` (the same value again changes nothing; a new one is a correction). That
 * upsert for every row took twice as long as a plain insert (each row is a speculative
 * insertion), and staging every row costs a second COPY.
 * A key that appears twice in the file, or that a concurrent import stored meanwhile, makes
 * the direct COPY fail with a unique violation: it is undone to its savepoint and every row
 * goes through the staging upsert, where the file's last line wins. Nothing is written half.
 */
import pg from 'pg';
import type { Db } from '../db';
import { copyField, copyFrom } from './copy';
import type { ResolvedValues } from './resolve';

export type MergeResult = {
	inserted: number;
	updated: number;
	touched: { metricId: string; subjectId: string }[];
	timings: { classifyMs: number; copyMs: number; upsertMs: number };
};

const UNIQUE_VIOLATION = '23505';
const COPY_CHUNK = 20_000;
const KEY = 'metric_id, subject_id, at, source_id';

/** The upsert of the staged rows, the last line winning among equal keys. */
function upsertSql(): string {
	return `with staged as (
	    select distinct on (${KEY}) * from metric_value_stage
	    order by ${KEY}, seq desc),
	  changed as (
	    insert into metric_value (organisation_id, metric_id, subject_id, at, source_id, subject_kind, value, source)
	    select $1::uuid, metric_id, subject_id, at, source_id, subject_kind, value, $2::text from staged
	    on conflict (organisation_id, metric_id, subject_id, at, source_id) do update
	      set value = excluded.value, source = excluded.source, ingested_at = now()
	      where metric_value.value is distinct from excluded.value
	    returning metric_id, subject_id, (xmax = 0) as is_insert)
	  select metric_id, subject_id, count(*) filter (where is_insert)::int as inserted,
	         count(*) filter (where not is_insert)::int as updated
	  from changed group by metric_id, subject_id`;
}

type ChangedRow = { metric_id: string; subject_id: string; inserted: number; updated: number };

type Group = {
	metricId: string;
	subjectId: string;
	at: string;
	low: string;
	high: string;
	rows: number[];
};

/**
 * Groups row indexes by (metric, subject, day), in key order. Nested maps keyed by the id
 * strings themselves (shared with the lookup tables, their hashes cached) rather than one map
 * of concatenated keys, which hashed a new 80-character string per row.
 */
function groupRows(values: ResolvedValues): Group[] {
	const byMetric = new Map<string, Map<string, Map<string, Group>>>();
	const groups: { key: string; group: Group }[] = [];
	const total = values.metricId.length;
	for (let i = 0; i < total; i++) {
		const metricId = values.metricId[i] as string;
		const subjectId = values.subjectId[i] as string;
		const at = values.at[i] as string;
		const sourceId = values.sourceId[i] as string;
		let bySubject = byMetric.get(metricId);
		if (!bySubject) byMetric.set(metricId, (bySubject = new Map()));
		let byDay = bySubject.get(subjectId);
		if (!byDay) bySubject.set(subjectId, (byDay = new Map()));
		const group = byDay.get(at);
		if (!group) {
			const created = { metricId, subjectId, at, low: sourceId, high: sourceId, rows: [i] };
			byDay.set(at, created);
			groups.push({ key: `${metricId}${subjectId}${at}`, group: created });
			continue;
		}
		group.rows.push(i);
		if (sourceId < group.low) group.low = sourceId;
		else if (sourceId > group.high) group.high = sourceId;
	}
	// uuid order is the order of their lowercase hex text; ISO dates sort as text.
	return groups.sort((a, b) => (a.key < b.key ? -1 : 1)).map((g) => g.group);
}

/** Marks the groups whose day may already hold one of their keys. */
async function findHits(db: Db, orgId: string, groups: readonly Group[]): Promise<Set<number>> {
	const rows = await db.query<{ idx: string }>(
		`select g.idx from unnest($2::uuid[], $3::uuid[], $4::date[], $5::text[], $6::text[])
		   with ordinality as g(metric_id, subject_id, at, low, high, idx)
		 where exists (select 1 from metric_value v where v.organisation_id = $1
		   and v.metric_id = g.metric_id and v.subject_id = g.subject_id and v.at = g.at
		   and v.source_id between g.low and g.high)`,
		[
			orgId,
			groups.map((g) => g.metricId),
			groups.map((g) => g.subjectId),
			groups.map((g) => g.at),
			groups.map((g) => g.low),
			groups.map((g) => g.high)
		]
	);
	return new Set(rows.map((r) => Number(r.idx) - 1));
}

/** COPY text of the given rows, between a per-row prefix and a fixed suffix column. */
function* copyRows(
	values: ResolvedValues,
	rows: Iterable<number>,
	prefix: string,
	suffix: string
): Generator<string> {
	let text = '';
	let n = 0;
	for (const i of rows) {
		text += `${prefix}${values.metricId[i]}\t${values.subjectId[i]}\t${values.at[i]}\t${copyField(values.sourceId[i] ?? '')}\t${values.subjectKind[i]}\t${values.value[i]}${suffix}\n`;
		if (++n === COPY_CHUNK) {
			yield text;
			text = '';
			n = 0;
		}
	}
	if (text) yield text;
}

function* rowsOf(groups: readonly Group[]): Generator<number> {
	for (const group of groups) yield* group.rows;
}

/** COPYs the rows of new groups into metric_value; null when a key turned out to exist. */
async function copyNew(
	db: Db,
	orgId: string,
	source: string,
	values: ResolvedValues,
	groups: readonly Group[]
): Promise<number | null> {
	await db.query('savepoint metric_copy');
	try {
		const rows = await copyFrom(
			db.client,
			'copy metric_value (organisation_id, metric_id, subject_id, at, source_id, subject_kind, value, source) from stdin',
			copyRows(values, rowsOf(groups), `${orgId}\t`, `\t${copyField(source)}`)
		);
		await db.query('release savepoint metric_copy');
		return rows;
	} catch (err) {
		if (!(err instanceof pg.DatabaseError) || err.code !== UNIQUE_VIOLATION) throw err;
		await db.query('rollback to savepoint metric_copy');
		return null;
	}
}

/** Stages the rows of `groups` and upserts them. */
async function upsertStaged(
	db: Db,
	orgId: string,
	source: string,
	values: ResolvedValues,
	groups: readonly Group[],
	into: MergeResult
): Promise<void> {
	await db.query(
		`create temp table metric_value_stage (
		   metric_id uuid, subject_id uuid, at date, source_id text collate "C", subject_kind text,
		   value double precision, seq bigint generated always as identity
		 ) on commit drop`
	);
	// Row order within the file decides which of two equal keys wins: stage in file order.
	const ordered = Uint32Array.from(rowsOf(groups)).sort();
	await copyFrom(
		db.client,
		'copy metric_value_stage (metric_id, subject_id, at, source_id, subject_kind, value) from stdin',
		copyRows(values, ordered, '', '')
	);
	const rows = await db.query<ChangedRow>(upsertSql(), [orgId, source]);
	for (const row of rows) {
		into.inserted += row.inserted;
		into.updated += row.updated;
		into.touched.push({ metricId: row.metric_id, subjectId: row.subject_id });
	}
	await db.query('drop table metric_value_stage');
}

/** Stores resolved values; see the module comment. Runs in the caller's transaction. */
export async function storeByCopy(
	db: Db,
	orgId: string,
	source: string,
	values: ResolvedValues
): Promise<MergeResult> {
	const t0 = performance.now();
	await db.query('set local jit = off');
	const groups = groupRows(values);
	const hits = await findHits(db, orgId, groups);
	const fresh = groups.filter((_, i) => !hits.has(i));
	const t1 = performance.now();
	const result: MergeResult = {
		inserted: 0,
		updated: 0,
		touched: [],
		timings: { classifyMs: t1 - t0, copyMs: 0, upsertMs: 0 }
	};
	const copied = fresh.length > 0 ? await copyNew(db, orgId, source, values, fresh) : 0;
	const t2 = performance.now();
	const rest = copied === null ? groups : groups.filter((_, i) => hits.has(i));
	if (copied !== null) {
		result.inserted += copied;
		const pairs = new Set<string>();
		for (const group of fresh) {
			const pair = `${group.metricId}|${group.subjectId}`;
			if (pairs.has(pair)) continue;
			pairs.add(pair);
			result.touched.push({ metricId: group.metricId, subjectId: group.subjectId });
		}
	}
	if (rest.length > 0) await upsertStaged(db, orgId, source, values, rest, result);
	result.timings.copyMs = t2 - t1;
	result.timings.upsertMs = performance.now() - t2;
	return result;
}
