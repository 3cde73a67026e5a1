/**
 * Weighting schemes: versioned rows, effective from a date, scoped. Publishing checks the
 * scheme with the domain's validation (weights sum to 100, refused naming the scheme and the
 * sum) and stores it as the next version of its key; old versions never change, so a
 * finalised evaluation can always show the version that scored it.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { validateWeightingScheme, type WeightingScheme } from '../../../domain/weighting';
import { transaction, type Db } from '../db';
import { invalid } from '../issues';

/** A stored version: the domain scheme (its `id` is the scheme key) plus the row id. */
export type StoredScheme = WeightingScheme & { rowId: string; key: string; createdAt: string };

export type SchemeInput = Omit<WeightingScheme, 'id' | 'version'> & { key: string };

type SchemeRow = {
	id: string;
	key: string;
	version: number;
	name: WeightingScheme['name'];
	effective_from: string;
	scope: WeightingScheme['scope'];
	items: WeightingScheme['items'];
	grade_bands: WeightingScheme['bands'];
	outcome_rules: WeightingScheme['outcomes'];
	attainment_cap: number | null;
	created_at: Date;
};

function fromRow(row: SchemeRow): StoredScheme {
	return {
		rowId: row.id,
		id: row.key,
		key: row.key,
		version: row.version,
		name: row.name,
		effectiveFrom: row.effective_from,
		scope: row.scope,
		items: row.items,
		bands: row.grade_bands,
		outcomes: row.outcome_rules,
		...(row.attainment_cap !== null ? { attainmentCap: row.attainment_cap } : {}),
		createdAt: new Date(row.created_at).toISOString()
	};
}

/** Every version of every scheme of the organisation. */
export async function loadSchemes(db: Db, orgId: string): Promise<StoredScheme[]> {
	const rows = await db.query<SchemeRow>(
		`select id, key, version, name, effective_from::text, scope, items, grade_bands, outcome_rules,
		   attainment_cap, created_at from weighting_scheme where organisation_id = $1 order by key, version`,
		[orgId]
	);
	return rows.map(fromRow);
}

export async function listSchemes(em: EntityManager, orgId: string): Promise<StoredScheme[]> {
	return transaction(em, (db) => loadSchemes(db, orgId));
}

/** Validates and stores `input` as the next version of its key, in the caller's transaction. */
export async function insertScheme(
	db: Db,
	orgId: string,
	input: SchemeInput,
	actorId: string | null
): Promise<StoredScheme> {
	await db.query('select pg_advisory_xact_lock(hashtext($1))', [`weighting:${orgId}:${input.key}`]);
	const latest = await db.query<{ version: number }>(
		'select coalesce(max(version), 0)::int as version from weighting_scheme where organisation_id = $1 and key = $2',
		[orgId, input.key]
	);
	const { key, ...rest } = input;
	const scheme: WeightingScheme = { ...rest, id: key, version: (latest[0]?.version ?? 0) + 1 };
	const checked = validateWeightingScheme(scheme);
	if (!checked.ok) throw invalid(checked.issues);
	const rows = await db.query<SchemeRow>(
		`insert into weighting_scheme (id, organisation_id, key, version, name, effective_from, scope, items,
		   grade_bands, outcome_rules, attainment_cap, created_by)
		 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		 returning id, key, version, name, effective_from::text, scope, items, grade_bands, outcome_rules,
		   attainment_cap, created_at`,
		[
			randomUUID(),
			orgId,
			key,
			scheme.version,
			JSON.stringify(scheme.name),
			scheme.effectiveFrom,
			JSON.stringify(scheme.scope),
			JSON.stringify(scheme.items),
			JSON.stringify(scheme.bands),
			JSON.stringify(scheme.outcomes),
			scheme.attainmentCap ?? null,
			actorId
		]
	);
	const row = rows[0];
	if (!row) throw new Error('scheme insert returned no row');
	return fromRow(row);
}
