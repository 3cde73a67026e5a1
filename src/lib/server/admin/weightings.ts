/**
 * Weighting schemes for the admin pages: the overview, one scheme's versions, and the swap
 * to a new version with a preview. The preview runs the real swap in a transaction that is
 * rolled back, so its counts are exactly what applying would do.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { transaction, type Db } from '../domain/db';
import { loadMetrics } from '../domain/metrics/definitions';
import { swapSchemeIn } from '../domain/scoring/evaluations';
import { loadSchemes, type StoredScheme } from '../domain/scoring/schemes';
import { AppError } from '../runtime/errors';
import { changeActor, type AdminActor } from './actor';
import { appFieldIssues, type FieldIssues } from './form-issues';
import { loadUnits, type UnitOption } from './people';
import { parseSchemeForm, schemeField, type SchemeFormValues } from './scheme-form';

export type SchemeSummary = {
	key: string;
	latest: StoredScheme;
	versions: StoredScheme[];
	/** Live evaluations scored with a version of this scheme now. */
	liveEvaluations: number;
	finalisedEvaluations: number;
};

export type SwapRecord = {
	id: string;
	fromKey: string | null;
	fromVersion: number | null;
	toKey: string;
	toVersion: number;
	reason: string;
	rescored: number;
	leftFinalised: number;
	at: string;
	actor: string | null;
};

type SwapRow = {
	id: string;
	from_key: string | null;
	from_version: number | null;
	to_key: string;
	to_version: number;
	reason: string;
	rescored: number;
	left_finalised: number;
	at: Date;
	actor: string | null;
};

async function loadSwaps(
	db: Db,
	orgId: string,
	filter: { key?: string; id?: string; limit: number }
): Promise<SwapRecord[]> {
	const rows = await db.query<SwapRow>(
		`select w.id, f.key as from_key, f.version as from_version, t.key as to_key, t.version as to_version,
		   w.reason, w.rescored, w.left_finalised, w.at, a.email as actor
		 from weighting_swap w
		 join weighting_scheme t on t.id = w.to_scheme_id
		 left join weighting_scheme f on f.id = w.from_scheme_id
		 left join user_account a on a.id = w.actor_id
		 where w.organisation_id = $1 and ($2::text is null or t.key = $2) and ($3::uuid is null or w.id = $3)
		 order by w.at desc limit $4`,
		[orgId, filter.key ?? null, filter.id ?? null, filter.limit]
	);
	return rows.map((r) => ({
		id: r.id,
		fromKey: r.from_key,
		fromVersion: r.from_version,
		toKey: r.to_key,
		toVersion: r.to_version,
		reason: r.reason,
		rescored: r.rescored,
		leftFinalised: r.left_finalised,
		at: new Date(r.at).toISOString(),
		actor: r.actor
	}));
}

async function summaries(db: Db, orgId: string): Promise<SchemeSummary[]> {
	const schemes = await loadSchemes(db, orgId);
	const counts = await db.query<{ key: string; live: number; finalised: number }>(
		`select s.key, count(*) filter (where e.status = 'live')::int as live,
		   count(*) filter (where e.status = 'finalised')::int as finalised
		 from evaluation e join weighting_scheme s on s.id = e.scheme_id
		 where e.organisation_id = $1 group by s.key`,
		[orgId]
	);
	const keys = [...new Set(schemes.map((s) => s.key))];
	return keys.map((key) => {
		const versions = schemes.filter((s) => s.key === key).sort((a, b) => b.version - a.version);
		const count = counts.find((c) => c.key === key);
		return {
			key,
			latest: versions[0] as StoredScheme,
			versions,
			liveEvaluations: count?.live ?? 0,
			finalisedEvaluations: count?.finalised ?? 0
		};
	});
}

/** Every scheme with its versions and how many evaluations use it, and the latest swaps. */
export async function schemeOverview(
	em: EntityManager,
	orgId: string
): Promise<{ schemes: SchemeSummary[]; swaps: SwapRecord[]; units: UnitOption[] }> {
	return transaction(em, async (db) => ({
		schemes: await summaries(db, orgId),
		swaps: await loadSwaps(db, orgId, { limit: 5 }),
		units: await loadUnits(db, orgId)
	}));
}

/** One scheme: its versions (newest first), swaps, and what a new version can refer to. */
export async function schemeDetail(
	em: EntityManager,
	orgId: string,
	key: string,
	options: { swapId?: string } = {}
): Promise<{
	scheme: SchemeSummary;
	swaps: SwapRecord[];
	justSwapped: SwapRecord | null;
	units: UnitOption[];
	metrics: { key: string; name: Record<string, string> }[];
}> {
	return transaction(em, async (db) => {
		const scheme = (await summaries(db, orgId)).find((s) => s.key === key);
		if (!scheme) throw AppError.notFound('weighting scheme', key);
		const justSwapped =
			options.swapId && /^[0-9a-f-]{36}$/i.test(options.swapId)
				? ((await loadSwaps(db, orgId, { id: options.swapId, limit: 1 }))[0] ?? null)
				: null;
		return {
			scheme,
			swaps: await loadSwaps(db, orgId, { key, limit: 20 }),
			justSwapped,
			units: await loadUnits(db, orgId),
			metrics: (await loadMetrics(db, orgId)).map((m) => ({ key: m.key, name: { ...m.name } }))
		};
	});
}

export type SwapPreview = {
	version: number;
	rescored: number;
	leftFinalised: number;
	/** Live evaluations that will be scored with the new version. */
	underNewVersion: number;
	gradeChanges: number;
	scoresUp: number;
	scoresDown: number;
};

export type SwapOutcome =
	| { ok: true; swapId: string; rescored: number; leftFinalised: number; version: number }
	| { ok: false; issues: FieldIssues };

class DryRun extends Error {
	constructor(readonly preview: SwapPreview) {
		super('dry run');
	}
}

type LiveScore = {
	id: string;
	score: number | null;
	grade: string | null;
	scheme_id: string | null;
};

const liveScores = (db: Db, orgId: string) =>
	db.query<LiveScore>(
		`select id, score, grade, scheme_id from evaluation where organisation_id = $1 and status = 'live'`,
		[orgId]
	);

async function prepare(
	db: Db,
	orgId: string,
	key: string,
	values: SchemeFormValues
): Promise<ReturnType<typeof parseSchemeForm>> {
	const versions = (await loadSchemes(db, orgId)).filter((s) => s.key === key);
	if (versions.length === 0) throw AppError.notFound('weighting scheme', key);
	const base = versions.find((s) => String(s.version) === values.base_version) ?? versions.at(-1);
	return parseSchemeForm(key, values, base as StoredScheme);
}

/**
 * What swapping to the form's scheme would do: how many live evaluations are re-scored (and
 * how many change grade), how many finalised ones keep their scores. Stores nothing.
 */
export async function previewSchemeSwap(
	em: EntityManager,
	orgId: string,
	input: { key: string; values: SchemeFormValues },
	actor: AdminActor
): Promise<{ ok: true; preview: SwapPreview } | { ok: false; issues: FieldIssues }> {
	try {
		await transaction(em, async (db) => {
			const parsed = await prepare(db, orgId, input.key, input.values);
			if (!parsed.ok) throw new FormRefusal(parsed.issues);
			const before = new Map((await liveScores(db, orgId)).map((r) => [r.id, r]));
			const result = await swapSchemeIn(
				db,
				orgId,
				{ ...parsed.input },
				changeActor(actor, parsed.reason)
			);
			const after = await liveScores(db, orgId);
			let gradeChanges = 0;
			let scoresUp = 0;
			let scoresDown = 0;
			for (const row of after) {
				const old = before.get(row.id);
				if (old?.grade !== row.grade) gradeChanges++;
				if ((row.score ?? 0) > (old?.score ?? 0) + 1e-9) scoresUp++;
				else if ((row.score ?? 0) < (old?.score ?? 0) - 1e-9) scoresDown++;
			}
			throw new DryRun({
				version: result.scheme.version,
				rescored: result.rescored,
				leftFinalised: result.leftFinalised,
				underNewVersion: after.filter((r) => r.scheme_id === result.scheme.rowId).length,
				gradeChanges,
				scoresUp,
				scoresDown
			});
		});
	} catch (err) {
		if (err instanceof DryRun) return { ok: true, preview: err.preview };
		if (err instanceof FormRefusal) return { ok: false, issues: err.issues };
		return { ok: false, issues: appFieldIssues(err, schemeField) };
	}
	throw new Error('the dry run did not roll back');
}

class FormRefusal extends Error {
	constructor(readonly issues: FieldIssues) {
		super('form refused');
	}
}

/** Publishes the form's scheme as the next version and re-scores live evaluations at once. */
export async function applySchemeSwap(
	em: EntityManager,
	orgId: string,
	input: { key: string; values: SchemeFormValues },
	actor: AdminActor
): Promise<SwapOutcome> {
	try {
		return await transaction(em, async (db) => {
			const parsed = await prepare(db, orgId, input.key, input.values);
			if (!parsed.ok) throw new FormRefusal(parsed.issues);
			const result = await swapSchemeIn(db, orgId, parsed.input, changeActor(actor, parsed.reason));
			return {
				ok: true as const,
				swapId: result.swapId,
				rescored: result.rescored,
				leftFinalised: result.leftFinalised,
				version: result.scheme.version
			};
		});
	} catch (err) {
		if (err instanceof FormRefusal) return { ok: false, issues: err.issues };
		return { ok: false, issues: appFieldIssues(err, schemeField) };
	}
}
