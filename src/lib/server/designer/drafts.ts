import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { withSql } from '../runtime/pg';

export type Draft = {
	slug: string;
	baseVersion: number | null;
	content: Record<string, unknown>;
	updatedAt: string;
};

/** The designer's draft of a definition, or null when it has none. */
export async function getDraft(
	em: EntityManager,
	orgId: string,
	slug: string
): Promise<Draft | null> {
	const rows = await withSql(em, (sql) =>
		sql<Draft>(
			'lw_draft_get',
			`select slug, base_version as "baseVersion", content, updated_at as "updatedAt"
       from designer_draft where organisation_id = $1 and slug = $2`,
			[orgId, slug]
		)
	);
	return rows[0] ?? null;
}

/**
 * Autosaves a draft (insert or replace). Drafts live in their own table: saving one never
 * touches a version, so published versions stay immutable.
 */
export async function saveDraft(options: {
	em: EntityManager;
	orgId: string;
	slug: string;
	content: Record<string, unknown>;
	baseVersion: number | null;
	actorId: string | null;
	now: Date;
}): Promise<Draft> {
	const rows = await withSql(options.em, (sql) =>
		sql<Draft>(
			'lw_draft_save',
			`insert into designer_draft (id, organisation_id, slug, base_version, content, updated_at, updated_by)
       values ($1, $2, $3, $4, $5::jsonb, $6, $7)
       on conflict (organisation_id, slug) do update set content = excluded.content,
         base_version = excluded.base_version, updated_at = excluded.updated_at, updated_by = excluded.updated_by
       returning slug, base_version as "baseVersion", content, updated_at as "updatedAt"`,
			[
				randomUUID(),
				options.orgId,
				options.slug,
				options.baseVersion,
				JSON.stringify(options.content),
				options.now.toISOString(),
				options.actorId
			]
		)
	);
	const row = rows[0];
	if (!row) throw new Error('draft upsert returned no row');
	return row;
}

export async function discardDraft(em: EntityManager, orgId: string, slug: string): Promise<void> {
	await withSql(em, (sql) =>
		sql('lw_draft_discard', 'delete from designer_draft where organisation_id = $1 and slug = $2', [
			orgId,
			slug
		])
	);
}
