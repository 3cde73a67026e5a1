/**
 * Evaluations and live scores. A live evaluation is re-scored whenever asked (and at once
 * after a scheme swap) from the employee's current goal attainment under the scheme in
 * effect; a finalised one keeps the inputs and the scheme version it was scored with.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Attainments, ScoreResult } from '../../../domain/scoring';
import { AppError } from '../../runtime/errors';
import { audit, type ChangeActor } from '../audit';
import { transaction, type Db } from '../db';
import { rescoreLiveIn } from './rescore';
import { insertScheme, loadSchemes, type SchemeInput, type StoredScheme } from './schemes';
import { openEvaluation } from './sealed';

export { rescoreLiveIn } from './rescore';

export type EvaluationView = {
	id: string;
	employeeId: string;
	cycle: string;
	status: 'live' | 'finalised';
	schemeKey: string | null;
	schemeVersion: number | null;
	score: number | null;
	grade: string | null;
	inputs: { attainments: Attainments; result: ScoreResult } | null;
	scoredAt: string | null;
	finalisedAt: string | null;
};

/** Evaluations opened at once above which the table's statistics are refreshed. */
const ANALYZE_AFTER = 1_000;

/** Opens live evaluations for a cycle (everyone, or `employeeIds`) and scores them. Existing ones are kept. */
export async function openEvaluations(
	em: EntityManager,
	orgId: string,
	input: { cycle: string; employeeIds?: string[]; now: Date }
): Promise<number> {
	return transaction(em, (db) => openEvaluationsIn(db, orgId, input));
}

/** {@link openEvaluations} inside an open transaction. */
export async function openEvaluationsIn(
	db: Db,
	orgId: string,
	input: { cycle: string; employeeIds?: string[]; now: Date }
): Promise<number> {
	{
		const created = await db.query<{ employee_id: string }>(
			`insert into evaluation (id, organisation_id, employee_id, cycle, status)
			 select gen_random_uuid(), $1, e.id, $2, 'live' from employee e
			 where e.organisation_id = $1 and ($3::uuid[] is null or e.id in (select unnest($3::uuid[])))
			 on conflict (organisation_id, employee_id, cycle) do nothing returning employee_id`,
			[orgId, input.cycle, input.employeeIds ?? null]
		);
		// Right after a bulk insert the planner still believes the table is as small as it was,
		// and joins every later batch of updates against a scan of all evaluations (quadratic
		// at 100k). Fresh statistics make it use the primary key.
		if (created.length >= ANALYZE_AFTER) await db.query('analyze evaluation');
		await rescoreLiveIn(db, orgId, input.now, { employeeIds: created.map((c) => c.employee_id) });
		return created.length;
	}
}

/** Re-scores live evaluations now (e.g. after progress moved). */
export async function rescoreLive(
	em: EntityManager,
	orgId: string,
	now: Date,
	filter: { employeeIds?: string[] } = {}
): Promise<number> {
	return transaction(em, (db) => rescoreLiveIn(db, orgId, now, filter));
}

export type SwapResult = {
	scheme: StoredScheme;
	replaced: StoredScheme | null;
	rescored: number;
	leftFinalised: number;
	swapId: string;
};

/**
 * Publishes a new scheme version (the profit strategy replacing the growth one) and re-scores
 * every live evaluation at once; finalised ones keep theirs. The swap is recorded with the
 * version it replaced, who, why and the counts, and in the audit trail.
 */
export async function swapScheme(
	em: EntityManager,
	orgId: string,
	input: SchemeInput & { replaces?: string },
	actor: ChangeActor
): Promise<SwapResult> {
	return transaction(em, (db) => swapSchemeIn(db, orgId, input, actor));
}

/** {@link swapScheme} inside an open transaction. */
export async function swapSchemeIn(
	db: Db,
	orgId: string,
	input: SchemeInput & { replaces?: string },
	actor: ChangeActor
): Promise<SwapResult> {
	{
		const before = await loadSchemes(db, orgId);
		const replacedKey = input.replaces ?? input.key;
		const replaced = before.filter((s) => s.key === replacedKey).at(-1) ?? null;
		const { replaces: _replaces, ...schemeInput } = input;
		const scheme = await insertScheme(db, orgId, schemeInput, actor.actorId);
		const rescored = await rescoreLiveIn(db, orgId, actor.now);
		const finalised = await db.query<{ n: number }>(
			`select count(*)::int as n from evaluation where organisation_id = $1 and status = 'finalised'`,
			[orgId]
		);
		const leftFinalised = finalised[0]?.n ?? 0;
		const swapId = randomUUID();
		await db.query(
			`insert into weighting_swap (id, organisation_id, from_scheme_id, to_scheme_id, actor_id, reason, rescored, left_finalised, at)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			[
				swapId,
				orgId,
				replaced?.rowId ?? null,
				scheme.rowId,
				actor.actorId,
				actor.reason,
				rescored,
				leftFinalised,
				actor.now
			]
		);
		await audit(db, orgId, actor, {
			action: 'weighting.swap',
			entity: 'weighting_scheme',
			entityId: scheme.rowId,
			before: replaced,
			after: scheme
		});
		return { scheme, replaced, rescored, leftFinalised, swapId };
	}
}

/** Publishes a scheme version without the swap record (first schemes, seeding). */
export async function publishScheme(
	em: EntityManager,
	orgId: string,
	input: SchemeInput,
	actor: ChangeActor
): Promise<StoredScheme> {
	return transaction(em, async (db) => {
		const scheme = await insertScheme(db, orgId, input, actor.actorId);
		await audit(db, orgId, actor, {
			action: 'weighting.publish',
			entity: 'weighting_scheme',
			entityId: scheme.rowId,
			after: scheme
		});
		return scheme;
	});
}

const VIEW_SQL = `select e.id, e.employee_id, e.cycle, e.status, s.key as scheme_key, s.version as scheme_version,
  e.score, e.grade, e.inputs, e.scored_at, e.finalised_at
  from evaluation e left join weighting_scheme s on s.id = e.scheme_id`;

type ViewRow = {
	id: string;
	employee_id: string;
	cycle: string;
	status: 'live' | 'finalised';
	scheme_key: string | null;
	scheme_version: number | null;
	/** Sealed (see `sealed.ts`). */
	score: string | null;
	grade: string | null;
	inputs: unknown;
	scored_at: Date | null;
	finalised_at: Date | null;
};

function toView(r: ViewRow): EvaluationView {
	const opened = openEvaluation<EvaluationView['inputs']>(r.id, r);
	return {
		id: r.id,
		employeeId: r.employee_id,
		cycle: r.cycle,
		status: r.status,
		schemeKey: r.scheme_key,
		schemeVersion: r.scheme_version,
		score: opened.score,
		grade: opened.grade,
		inputs: opened.inputs,
		scoredAt: r.scored_at ? new Date(r.scored_at).toISOString() : null,
		finalisedAt: r.finalised_at ? new Date(r.finalised_at).toISOString() : null
	};
}

export async function listEvaluations(
	em: EntityManager,
	orgId: string,
	filter: { id?: string; cycle?: string; employeeId?: string; status?: 'live' | 'finalised' } = {}
): Promise<EvaluationView[]> {
	return transaction(em, async (db) => {
		const rows = await db.query<ViewRow>(
			`${VIEW_SQL} where e.organisation_id = $1 and ($2::text is null or e.cycle = $2)
			 and ($3::uuid is null or e.employee_id = $3) and ($4::text is null or e.status = $4)
			 and ($5::uuid is null or e.id = $5) order by e.cycle, e.employee_id`,
			[
				orgId,
				filter.cycle ?? null,
				filter.employeeId ?? null,
				filter.status ?? null,
				filter.id ?? null
			]
		);
		return rows.map(toView);
	});
}

/** Scores one last time and freezes: inputs and scheme version stay as they are from now on. */
export async function finaliseEvaluation(
	em: EntityManager,
	orgId: string,
	evaluationId: string,
	actor: ChangeActor
): Promise<EvaluationView> {
	return transaction(em, async (db) => {
		const rows = await db.query<{ status: string }>(
			'select status from evaluation where organisation_id = $1 and id = $2 for update',
			[orgId, evaluationId]
		);
		const row = rows[0];
		if (!row) throw AppError.notFound('evaluation', evaluationId);
		if (row.status === 'finalised')
			throw AppError.conflict(`Evaluation ${evaluationId} is finalised already`, {
				path: 'status'
			});
		await rescoreLiveIn(db, orgId, actor.now, { evaluationIds: [evaluationId] });
		await db.query(
			`update evaluation set status = 'finalised', finalised_at = $3, finalised_by = $4 where organisation_id = $1 and id = $2`,
			[orgId, evaluationId, actor.now, actor.actorId]
		);
		const view = (
			await db.query<ViewRow>(`${VIEW_SQL} where e.organisation_id = $1 and e.id = $2`, [
				orgId,
				evaluationId
			])
		).map(toView)[0];
		if (!view) throw new Error('finalised evaluation vanished');
		await audit(db, orgId, actor, {
			action: 'evaluation.finalise',
			entity: 'evaluation',
			entityId: evaluationId,
			after: {
				score: view.score,
				grade: view.grade,
				scheme: `${view.schemeKey}@${view.schemeVersion}`
			}
		});
		return view;
	});
}
