/**
 * Storing resolved values idempotently. On PostgreSQL: COPY into a temporary staging table,
 * then a sorted plain INSERT of new rows and an upsert of the rest (`merge.ts`). On PGlite, which takes no COPY FROM STDIN through its socket, `unnest` batches.
 * The key is (metric, subject, date, source id): the same value again changes nothing; a new
 * value under the same key is a correction and replaces the old one.
 */
import type { Db } from '../db';
import { storeByCopy, type MergeResult } from './merge';
import type { ResolvedValues } from './resolve';
import { upsertStaged } from './upsert';

/** What the store changed, per (metric, subject), for the progress recompute. */
export type StoreResult = {
	inserted: number;
	updated: number;
	touched: { metricId: string; subjectId: string }[];
	/** Where the time went, on the COPY path. */
	timings?: MergeResult['timings'];
};

const EMBEDDED_BATCH = 5_000;

async function storeByUnnest(
	db: Db,
	orgId: string,
	source: string,
	values: ResolvedValues
): Promise<StoreResult> {
	const result: StoreResult = { inserted: 0, updated: 0, touched: [] };
	const staged = `(select metric_id, subject_id, subject_kind, at, source_id, value, seq
	   from unnest($3::uuid[], $4::uuid[], $5::text[], $6::date[], $7::text[], $8::float8[])
	   with ordinality as s(metric_id, subject_id, subject_kind, at, source_id, value, seq))`;
	const total = values.metricId.length;
	for (let start = 0; start < total; start += EMBEDDED_BATCH) {
		const end = Math.min(total, start + EMBEDDED_BATCH);
		await upsertStaged(
			db,
			staged,
			[
				orgId,
				source,
				values.metricId.slice(start, end),
				values.subjectId.slice(start, end),
				values.subjectKind.slice(start, end),
				values.at.slice(start, end),
				values.sourceId.slice(start, end),
				values.value.slice(start, end)
			],
			result
		);
	}
	return result;
}

/** Stores good values in the caller's transaction. `source` labels where they came from. */
export async function storeValues(
	db: Db,
	orgId: string,
	source: string,
	values: ResolvedValues
): Promise<StoreResult> {
	if (values.metricId.length === 0) return { inserted: 0, updated: 0, touched: [] };
	return db.isEmbedded
		? storeByUnnest(db, orgId, source, values)
		: storeByCopy(db, orgId, source, values);
}
