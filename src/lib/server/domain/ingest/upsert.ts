/**
 * The idempotent upsert both store paths share: staged rows (a table, or `unnest` batches on
 * the embedded database) go into metric_value, the file's last line winning among equal keys;
 * the same value again changes nothing, a new one under a stored key is a correction.
 */
import type { Db } from '../db';

type ChangedRow = { metric_id: string; subject_id: string; inserted: number; updated: number };

/** What an upsert changed, added to `into`. */
export type UpsertTally = {
	inserted: number;
	updated: number;
	touched: { metricId: string; subjectId: string }[];
};

function upsertSql(source: string): string {
	return `with staged as (
	    select distinct on (metric_id, subject_id, at, source_id) * from ${source}
	    order by metric_id, subject_id, at, source_id, seq desc),
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

/**
 * Upserts the rows of `staged` (a table name or a parenthesised select with the columns
 * metric_id, subject_id, subject_kind, at, source_id, value, seq); `params` follow
 * `$1` = organisation and `$2` = source label.
 */
export async function upsertStaged(
	db: Db,
	staged: string,
	params: readonly unknown[],
	into: UpsertTally
): Promise<void> {
	const rows = await db.query<ChangedRow>(upsertSql(staged), [...params]);
	for (const row of rows) {
		into.inserted += row.inserted;
		into.updated += row.updated;
		into.touched.push({ metricId: row.metric_id, subjectId: row.subject_id });
	}
}
