import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../runtime/errors';
import { runtimeEngine, runtimeRegistry, type LintIssue } from '../runtime/engine-port';
import { inTransaction, withSql } from '../runtime/pg';
import { isUuid } from '../runtime/executor';

export type ImportResult =
	| { ok: true; slug: string; versionId: string; version: number; isNew: boolean }
	| { ok: false; slug: string | undefined; issues: LintIssue[] };

/** A stable hash of JSON content: keys sorted, so formatting and key order do not matter. */
export function contentHash(content: unknown): string {
	return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/**
 * Parses and lints `content`, then stores it as a version of its definition (slug = `id`):
 * identical content → the existing version; new content → the next version number, published
 * unless `publish: false`.
 */
export async function importDefinition(options: {
	em: EntityManager;
	orgId: string;
	content: unknown;
	note?: string;
	publish?: boolean;
	now: Date;
}): Promise<ImportResult> {
	const engine = runtimeEngine();
	const parsed = engine.parseDefinition(options.content);
	const slug = (options.content as { id?: unknown } | null)?.id;
	const slugText = typeof slug === 'string' ? slug : undefined;
	if (!parsed.ok) return { ok: false, slug: slugText, issues: parsed.issues as LintIssue[] };
	const errors = engine
		.lintDefinition(parsed.value, runtimeRegistry())
		.filter((i) => i.severity === 'error');
	if (errors.length || !slugText) {
		const missing: LintIssue = {
			severity: 'error',
			code: 'missing_id',
			path: 'id',
			message: 'definition has no id'
		};
		return { ok: false, slug: slugText, issues: errors.length ? errors : [missing] };
	}
	const hash = contentHash(options.content);
	const name = (options.content as { name?: unknown }).name ?? { en: slugText };
	return inTransaction(options.em, async (sql) => {
		const defs = await sql<{ id: string }>(
			'lw_def_upsert',
			`insert into workflow_definition (id, organisation_id, slug, name) values ($1, $2, $3, $4::jsonb)
       on conflict (organisation_id, slug) do update set name = excluded.name returning id`,
			[randomUUID(), options.orgId, slugText, JSON.stringify(name)]
		);
		const definitionId = defs[0]?.id;
		if (!definitionId) throw new Error('definition upsert returned no row');
		// Lock the definition row so concurrent imports number versions one after another.
		const rows = await sql<{ id: string; version: number; hash_match: boolean; max: number }>(
			'lw_def_versions',
			`select v.id, v.version, v.content_hash = $2 as hash_match,
         (select coalesce(max(version), 0) from workflow_version where definition_id = $1) as max
       from workflow_definition d left join workflow_version v on v.definition_id = d.id and v.content_hash = $2
       where d.id = $1 for update of d`,
			[definitionId, hash]
		);
		const existing = rows[0];
		if (existing?.id)
			return {
				ok: true,
				slug: slugText,
				versionId: existing.id,
				version: existing.version,
				isNew: false
			};
		const versionId = randomUUID();
		const version = (existing?.max ?? 0) + 1;
		const isPublished = options.publish !== false;
		await sql(
			'lw_def_insert_version',
			`insert into workflow_version (id, organisation_id, definition_id, version, content, content_hash, status,
         note, created_at, published_at)
       values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10)`,
			[
				versionId,
				options.orgId,
				definitionId,
				version,
				JSON.stringify(options.content),
				hash,
				isPublished ? 'published' : 'draft',
				options.note ?? null,
				options.now.toISOString(),
				isPublished ? options.now.toISOString() : null
			]
		);
		return { ok: true, slug: slugText, versionId, version, isNew: true };
	});
}

/** Publishes a draft version (new instances of the definition start on the latest published). */
export async function publishVersion(options: {
	em: EntityManager;
	orgId: string;
	versionId: string;
	now: Date;
}) {
	if (!isUuid(options.versionId)) throw AppError.notFound('version', options.versionId);
	const rows = await withSql(options.em, (sql) =>
		sql<{ id: string; version: number }>(
			'lw_def_publish',
			`update workflow_version set status = 'published', published_at = coalesce(published_at, $3)
       where id = $1 and organisation_id = $2 returning id, version`,
			[options.versionId, options.orgId, options.now.toISOString()]
		)
	);
	const row = rows[0];
	if (!row) throw AppError.notFound('version', options.versionId);
	return row;
}

export type DefinitionSummary = {
	id: string;
	slug: string;
	name: Record<string, string>;
	versions: {
		id: string;
		version: number;
		status: 'draft' | 'published';
		note: string | null;
		createdAt: string;
		publishedAt: string | null;
		runningInstances: number;
	}[];
};

/** Definitions with their versions (newest first) and how many instances run on each. */
export async function listDefinitions(
	em: EntityManager,
	orgId: string
): Promise<DefinitionSummary[]> {
	const rows = await withSql(em, (sql) =>
		sql<DefinitionSummary>(
			'lw_def_list',
			`select d.id, d.slug, d.name, coalesce((
         select json_agg(json_build_object('id', v.id, 'version', v.version, 'status', v.status, 'note', v.note,
           'createdAt', v.created_at, 'publishedAt', v.published_at,
           'runningInstances', (select count(*) from instance i where i.definition_version_id = v.id and i.status = 'running'))
           order by v.version desc)
         from workflow_version v where v.definition_id = d.id), '[]'::json) as versions
       from workflow_definition d where d.organisation_id = $1 order by d.slug`,
			[orgId]
		)
	);
	return rows;
}

export type DefinitionVersionView = {
	id: string;
	slug: string;
	name: Record<string, string>;
	version: number;
	status: 'draft' | 'published';
	note: string | null;
	content: Record<string, unknown>;
	contentHash: string;
	createdAt: string;
	publishedAt: string | null;
};

/** One version of a definition by slug and number (not_found when either is unknown). */
export async function getDefinitionVersion(
	em: EntityManager,
	orgId: string,
	slug: string,
	version: number
): Promise<DefinitionVersionView> {
	const rows = await withSql(em, (sql) =>
		sql<DefinitionVersionView>(
			'lw_def_version',
			`select v.id, d.slug, d.name, v.version, v.status, v.note, v.content, v.content_hash as "contentHash",
         v.created_at as "createdAt", v.published_at as "publishedAt"
       from workflow_version v join workflow_definition d on d.id = v.definition_id
       where d.organisation_id = $1 and d.slug = $2 and v.version = $3`,
			[orgId, slug, version]
		)
	);
	const row = rows[0];
	if (!row) throw AppError.notFound('definition version', `${slug}@${version}`);
	return row;
}
