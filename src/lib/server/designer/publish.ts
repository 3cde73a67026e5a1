import type { EntityManager } from '@mikro-orm/postgresql';
import { parseDefinition, type Issue } from '../../engine/definition';
import { lintDefinition } from '../../engine/lint';
import type { Registry } from '../../engine/registry';
import { importDefinition, listDefinitions } from '../definitions/service';
import { discardDraft } from './drafts';

export type PublishResult =
	| { ok: true; version: number; versionId: string; isNew: boolean }
	| { ok: false; reason: 'invalid'; issues: Issue[] }
	| { ok: false; reason: 'note_required' | 'slug_mismatch' };

/** The engine's checks, exactly as at publish: file format, then lint errors. */
export function publishProblems(content: unknown, registry: Registry): Issue[] {
	const parsed = parseDefinition(content);
	if (!parsed.ok) return parsed.issues;
	return lintDefinition(parsed.value, registry).filter((i) => i.severity === 'error');
}

/**
 * Publishes the content as the next immutable version of `slug`, refused while lint errors
 * remain. A note is required (the version list shows why each version exists). Identical
 * content answers with the version that already holds it. The draft is discarded on success.
 */
export async function publishDefinition(options: {
	em: EntityManager;
	orgId: string;
	slug: string;
	content: Record<string, unknown>;
	note: string;
	registry: Registry;
	now: Date;
}): Promise<PublishResult> {
	if (!options.note.trim()) return { ok: false, reason: 'note_required' };
	if (options.content.id !== options.slug) return { ok: false, reason: 'slug_mismatch' };
	const issues = publishProblems(options.content, options.registry);
	if (issues.length) return { ok: false, reason: 'invalid', issues };
	const result = await importDefinition({
		em: options.em,
		orgId: options.orgId,
		content: options.content,
		note: options.note.trim(),
		publish: true,
		now: options.now
	});
	if (!result.ok) return { ok: false, reason: 'invalid', issues: result.issues as Issue[] };
	await discardDraft(options.em, options.orgId, options.slug);
	return { ok: true, version: result.version, versionId: result.versionId, isNew: result.isNew };
}

/** The versions of one definition, newest first, with how many instances run on each. */
export async function listVersions(em: EntityManager, orgId: string, slug: string) {
	const all = await listDefinitions(em, orgId);
	return all.find((d) => d.slug === slug) ?? null;
}
