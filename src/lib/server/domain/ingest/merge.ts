/**
 * The PostgreSQL bulk path. Most rows of an import are new, so the rows are first COPYed
 * straight into metric_value, in key order (metric, subject, day): index inserts then land on
 * neighbouring pages, which makes the COPY twice as fast as in file order. A key that
 * already exists (a re-sent or corrected value, or the same key twice in the file) makes
 * that COPY fail with a unique violation at the first such row; it is undone to its
 * savepoint and the rows are classified instead:
 *  - a (metric, subject, day) group is "new" when metric_value holds no key of that day in
 *    the group's source-id range (one index probe per group, not per row);
 *  - new groups are COPYed directly; the others go through a temporary staging table and
 *    `INSERT … ON CONFLICT … DO UPDATE … WHERE value is distinct` (the same value again
 *    changes nothing, a new one is a correction, the file's last line wins).
 * Upserting every row would take twice as long as the plain COPY (each row is a speculative
 * insertion), and staging every row costs a second COPY. Re-sent files fail at their first
 * row, so the optimistic COPY costs them next to nothing. Nothing is ever written half.
 */
import pg from 'pg';
import type { Db } from '../db';
import { BinaryCopyWriter, copyField, copyFrom } from './copy';
import type { ResolvedValues } from './resolve';
import { upsertStaged } from './upsert';

export type MergeResult = {
	inserted: number;
	updated: number;
	touched: { metricId: string; subjectId: string }[];
	timings: { classifyMs: number; copyMs: number; upsertMs: number };
};

const UNIQUE_VIOLATION = '23505';
const COPY_CHUNK = 20_000;
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** The rows of one (metric, subject, day): `rows[from, to)` of the key order. */
type Group = { from: number; to: number };

type Ordered = { rows: Uint32Array; groups: Group[] };

/** Numbers each distinct value by its rank in text order (uuids and ISO dates sort as text). */
function rankColumn(column: readonly string[]): { ranks: Uint32Array; size: number } {
	const first = new Map<string, number>();
	const provisional = new Uint32Array(column.length);
	for (let i = 0; i < column.length; i++) {
		const value = column[i] as string;
		let n = first.get(value);
		if (n === undefined) first.set(value, (n = first.size));
		provisional[i] = n;
	}
	const distinct = [...first.keys()];
	const byText = distinct.map((_, i) => i).sort((a, b) => (distinct[a]! < distinct[b]! ? -1 : 1));
	const rankOf = new Uint32Array(distinct.length);
	byText.forEach((position, rank) => (rankOf[position] = rank));
	for (let i = 0; i < provisional.length; i++) provisional[i] = rankOf[provisional[i]!]!;
	return { ranks: provisional, size: distinct.length };
}

/** A stable counting sort of `order` by `key`. */
function countingSort(order: Uint32Array, key: Uint32Array, size: number): Uint32Array {
	const starts = new Uint32Array(size + 1);
	for (let i = 0; i < order.length; i++) starts[key[order[i]!]! + 1]!++;
	for (let k = 1; k <= size; k++) starts[k]! += starts[k - 1]!;
	const sorted = new Uint32Array(order.length);
	for (let i = 0; i < order.length; i++) sorted[starts[key[order[i]!]!]!++] = order[i]!;
	return sorted;
}

/**
 * The rows in key order (ties in file order) and their (metric, subject, day) groups: three
 * stable counting sorts over the ranks, linear in the rows, where sorting a million index
 * pairs by their strings took most of a second.
 */
function orderRows(values: ResolvedValues): Ordered {
	const total = values.metricId.length;
	const metric = rankColumn(values.metricId);
	const subject = rankColumn(values.subjectId);
	const day = rankColumn(values.at);
	let rows: Uint32Array = new Uint32Array(total);
	for (let i = 0; i < total; i++) rows[i] = i;
	rows = countingSort(rows, day.ranks, day.size);
	rows = countingSort(rows, subject.ranks, subject.size);
	rows = countingSort(rows, metric.ranks, metric.size);
	const groups: Group[] = [];
	let current: Group = { from: 0, to: 0 };
	let previous = -1;
	for (let k = 0; k < total; k++) {
		const i = rows[k]!;
		if (
			k === 0 ||
			metric.ranks[i] !== metric.ranks[previous] ||
			subject.ranks[i] !== subject.ranks[previous] ||
			day.ranks[i] !== day.ranks[previous]
		) {
			groups.push((current = { from: k, to: k + 1 }));
		} else current.to = k + 1;
		previous = i;
	}
	return { rows, groups };
}

/** Marks the groups whose day may already hold one of their keys. */
async function findHits(
	db: Db,
	orgId: string,
	values: ResolvedValues,
	ordered: Ordered
): Promise<Set<number>> {
	const first = (g: Group) => ordered.rows[g.from]!;
	const low: string[] = [];
	const high: string[] = [];
	for (const group of ordered.groups) {
		let min = values.sourceId[first(group)] as string;
		let max = min;
		for (let k = group.from + 1; k < group.to; k++) {
			const sourceId = values.sourceId[ordered.rows[k]!] as string;
			if (sourceId < min) min = sourceId;
			else if (sourceId > max) max = sourceId;
		}
		low.push(min);
		high.push(max);
	}
	const rows = await db.query<{ idx: string }>(
		`select g.idx from unnest($2::uuid[], $3::uuid[], $4::date[], $5::text[], $6::text[])
		   with ordinality as g(metric_id, subject_id, at, low, high, idx)
		 where exists (select 1 from metric_value v where v.organisation_id = $1
		   and v.metric_id = g.metric_id and v.subject_id = g.subject_id and v.at = g.at
		   and v.source_id between g.low and g.high)`,
		[
			orgId,
			ordered.groups.map((g) => values.metricId[first(g)]),
			ordered.groups.map((g) => values.subjectId[first(g)]),
			ordered.groups.map((g) => values.at[first(g)]),
			low,
			high
		]
	);
	return new Set(rows.map((r) => Number(r.idx) - 1));
}

const DIRECT_COLUMNS =
	'organisation_id, metric_id, subject_id, at, subject_kind, source, source_id, value';
const DIRECT_FIELDS = 8;
const STAGE_COLUMNS = 'metric_id, subject_id, at, subject_kind, source_id, value';

/** COPY text of the given rows for {@link STAGE_COLUMNS}. */
function* stageText(values: ResolvedValues, rows: Uint32Array): Generator<string> {
	let text = '';
	let n = 0;
	for (const i of rows) {
		const sourceId = values.sourceId[i] as string;
		text += `${values.metricId[i]}\t${values.subjectId[i]}\t${values.at[i]}\t${values.subjectKind[i]}\t${NEEDS_ESCAPE.test(sourceId) ? copyField(sourceId) : sourceId}\t${values.value[i]}\n`;
		if (++n === COPY_CHUNK) {
			yield text;
			text = '';
			n = 0;
		}
	}
	if (text) yield text;
}

/** Binary COPY data of the groups' rows for {@link DIRECT_COLUMNS}. */
function* binaryRows(
	orgId: string,
	source: string,
	values: ResolvedValues,
	ordered: Ordered,
	groups: readonly Group[]
): Generator<Buffer> {
	const writer = new BinaryCopyWriter();
	for (const group of groups) {
		const i = ordered.rows[group.from]!;
		const lead = BinaryCopyWriter.encodeFields([
			{ uuid: orgId },
			{ uuid: values.metricId[i] as string },
			{ uuid: values.subjectId[i] as string },
			{ date: values.at[i] as string },
			values.subjectKind[i] as string,
			source
		]);
		for (let k = group.from; k < group.to; k++) {
			const row = ordered.rows[k]!;
			writer.row(DIRECT_FIELDS, lead, values.sourceId[row] as string, values.value[row] as number);
		}
		yield* writer.take();
	}
	yield writer.end();
}

/** COPYs the groups' rows into metric_value; null (and undone) when a key turned out to exist. */
async function copyDirect(
	db: Db,
	orgId: string,
	source: string,
	values: ResolvedValues,
	ordered: Ordered,
	groups: readonly Group[]
): Promise<number | null> {
	await db.query('savepoint metric_copy');
	try {
		const rows = await copyFrom(
			db.client,
			`copy metric_value (${DIRECT_COLUMNS}) from stdin (format binary)`,
			binaryRows(orgId, source, values, ordered, groups)
		);
		await db.query('release savepoint metric_copy');
		return rows;
	} catch (err) {
		if (!(err instanceof pg.DatabaseError) || err.code !== UNIQUE_VIOLATION) throw err;
		await db.query('rollback to savepoint metric_copy');
		return null;
	}
}

/** Stages the rows of `groups` (in file order, which decides between equal keys) and upserts them. */
async function stageAndUpsert(
	db: Db,
	orgId: string,
	source: string,
	values: ResolvedValues,
	ordered: Ordered,
	groups: readonly Group[],
	into: MergeResult
): Promise<void> {
	await db.query(
		`create temp table metric_value_stage (
		   metric_id uuid, subject_id uuid, at date, subject_kind text, source_id text collate "C",
		   value double precision, seq bigint generated always as identity
		 ) on commit drop`
	);
	let size = 0;
	for (const group of groups) size += group.to - group.from;
	const fileOrder = new Uint32Array(size);
	let n = 0;
	for (const group of groups)
		for (let k = group.from; k < group.to; k++) fileOrder[n++] = ordered.rows[k]!;
	fileOrder.sort();
	await copyFrom(
		db.client,
		`copy metric_value_stage (${STAGE_COLUMNS}) from stdin`,
		stageText(values, fileOrder)
	);
	await upsertStaged(db, 'metric_value_stage', [orgId, source], into);
	await db.query('drop table metric_value_stage');
}

/** The distinct (metric, subject) pairs of groups in key order. */
function pairsOf(values: ResolvedValues, ordered: Ordered, groups: readonly Group[]) {
	const touched: MergeResult['touched'] = [];
	let last: { metricId: string; subjectId: string } | undefined;
	for (const group of groups) {
		const i = ordered.rows[group.from]!;
		const metricId = values.metricId[i] as string;
		const subjectId = values.subjectId[i] as string;
		if (last && last.metricId === metricId && last.subjectId === subjectId) continue;
		touched.push((last = { metricId, subjectId }));
	}
	return touched;
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
	const ordered = orderRows(values);
	const result: MergeResult = {
		inserted: 0,
		updated: 0,
		touched: [],
		timings: { classifyMs: performance.now() - t0, copyMs: 0, upsertMs: 0 }
	};
	const t1 = performance.now();
	const direct = await copyDirect(db, orgId, source, values, ordered, ordered.groups);
	if (direct !== null) {
		result.inserted = direct;
		result.touched = pairsOf(values, ordered, ordered.groups);
		result.timings.copyMs = performance.now() - t1;
		return result;
	}
	// Some key exists already (or the file holds one twice): classify the groups.
	const t2 = performance.now();
	const hits = await findHits(db, orgId, values, ordered);
	const fresh = ordered.groups.filter((_, g) => !hits.has(g));
	result.timings.classifyMs += performance.now() - t2;
	const t3 = performance.now();
	// No group meets a stored key: the violation was a key the file holds twice.
	const copied =
		fresh.length > 0 && hits.size > 0
			? await copyDirect(db, orgId, source, values, ordered, fresh)
			: null;
	const t4 = performance.now();
	result.timings.copyMs = t2 - t1 + (t4 - t3);
	let rest = ordered.groups;
	if (copied !== null) {
		result.inserted += copied;
		result.touched = pairsOf(values, ordered, fresh);
		rest = ordered.groups.filter((_, g) => hits.has(g));
	}
	if (rest.length > 0) await stageAndUpsert(db, orgId, source, values, ordered, rest, result);
	result.timings.upsertMs = performance.now() - t4;
	return result;
}
