/**
 * Re-scoring live evaluations, set-based: one read of the live evaluations with their
 * scheme context, one grouped read of their owners' goal attainment, the pure scoring in
 * memory, and one `update … from unnest(…)` that writes sealed score, grade and inputs.
 * People and evaluations are selected by semi-joins against unnested arrays, so the cost
 * grows linearly with the number of evaluations.
 */
import { scoreEvaluation } from '../../../domain/scoring';
import { selectScheme } from '../../../domain/weighting';
import type { Db } from '../db';
import { isoDay } from '../issues';
import { attainmentsFor, loadAttainments, loadContexts } from './attainments';
import { loadSchemes } from './schemes';
import { sealEvaluation } from './sealed';

type EvaluationRow = { id: string; employee_id: string; cycle: string };

/** Evaluations per update statement. */
const WRITE_BATCH = 2_000;

export type RescoreTimings = { loadMs: number; scoreMs: number; sealMs: number; writeMs: number };

/** Re-scores live evaluations (all, or those of `employeeIds` / `evaluationIds`) in the caller's transaction. */
export async function rescoreLiveIn(
	db: Db,
	orgId: string,
	now: Date,
	filter: { employeeIds?: string[]; evaluationIds?: string[] } = {},
	options: { timings?: RescoreTimings; writeBatch?: number } = {}
): Promise<number> {
	const { timings, writeBatch = WRITE_BATCH } = options;
	const t0 = performance.now();
	const rows = await db.query<EvaluationRow>(
		`select id, employee_id, cycle from evaluation where organisation_id = $1 and status = 'live'
		 and ($2::uuid[] is null or employee_id in (select unnest($2::uuid[])))
		 and ($3::uuid[] is null or id in (select unnest($3::uuid[])))`,
		[orgId, filter.employeeIds ?? null, filter.evaluationIds ?? null]
	);
	if (rows.length === 0) return 0;
	const employees = [...new Set(rows.map((r) => r.employee_id))];
	const schemes = await loadSchemes(db, orgId);
	const contexts = await loadContexts(db, orgId, employees);
	const table = await loadAttainments(db, orgId, employees);
	const t1 = performance.now();
	const rowIdOf = new Map(schemes.map((s) => [`${s.key}@${s.version}`, s.rowId]));
	const today = isoDay(now);
	const ids: string[] = [];
	const schemeIds: (string | null)[] = [];
	const results: { score: number | null; grade: string | null; inputs: unknown }[] = [];
	for (const row of rows) {
		const context = contexts.get(row.employee_id) ?? { unitAncestry: [], jobFamily: '' };
		const scheme = selectScheme(schemes, { ...context, cycleId: row.cycle }, today);
		ids.push(row.id);
		if (!scheme) {
			schemeIds.push(null);
			results.push({ score: null, grade: null, inputs: null });
			continue;
		}
		const attainments = attainmentsFor(table, row.employee_id, scheme);
		const result = scoreEvaluation(scheme, attainments);
		schemeIds.push(rowIdOf.get(`${scheme.id}@${scheme.version}`) ?? null);
		results.push({
			score: result.isScored ? result.score : null,
			grade: result.grade?.grade ?? null,
			inputs: { attainments, result }
		});
	}
	const t2 = performance.now();
	// Sealing is CPU work here and the update is work in the database: batch by batch, the
	// next batch is sealed while the last one is written.
	let sealMs = 0;
	let writing: Promise<unknown> | undefined;
	for (let start = 0; start < ids.length; start += writeBatch) {
		const end = Math.min(ids.length, start + writeBatch);
		const sealStart = performance.now();
		const scores: (string | null)[] = [];
		const grades: (string | null)[] = [];
		const inputs: (string | null)[] = [];
		for (let i = start; i < end; i++) {
			const sealed = sealEvaluation(ids[i] as string, results[i]!);
			scores.push(sealed.score);
			grades.push(sealed.grade);
			inputs.push(sealed.inputs);
		}
		sealMs += performance.now() - sealStart;
		await writing;
		writing = db.query(
			`update evaluation e set scheme_id = v.scheme_id, score = v.score, grade = v.grade, inputs = v.inputs, scored_at = $2
			 from unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::jsonb[]) as v(id, scheme_id, score, grade, inputs)
			 where e.organisation_id = $1 and e.id = v.id and e.status = 'live'`,
			[orgId, now, ids.slice(start, end), schemeIds.slice(start, end), scores, grades, inputs]
		);
	}
	await writing;
	const t3 = t2 + sealMs;
	if (timings) {
		timings.loadMs = t1 - t0;
		timings.scoreMs = t2 - t1;
		// Sealing overlaps the writes; `writeMs` is what the writes added on top of it.
		timings.sealMs = sealMs;
		timings.writeMs = performance.now() - t3;
	}
	return ids.length;
}
