import type { EntityManager } from '@mikro-orm/postgresql';
import { parseDefinition, type Definition, type Issue } from '../../engine/definition';
import { lintDefinition } from '../../engine/lint';
import type { Registry } from '../../engine/registry';
import { saveDraft } from './drafts';

const EXTRA_KEYS = [
	'name',
	'description',
	'version',
	'data',
	'forms',
	'templates',
	'layout'
] as const;

/**
 * A plain XState machine config of a definition, which `createMachine` accepts: actions,
 * guards and delays stay references by name; what XState has no place for (name, forms,
 * templates, layout, the data schema) goes into the root `meta.loopwork`, so an import of the
 * export gives the definition back.
 */
export function toXStateConfig(definition: Definition): Record<string, unknown> {
	const config: Record<string, unknown> = { ...definition };
	delete config.$schema;
	const extra: Record<string, unknown> = {};
	for (const key of EXTRA_KEYS) {
		if (definition[key] !== undefined) extra[key] = definition[key];
		delete config[key];
	}
	return { ...config, meta: { loopwork: extra } };
}

const MACHINE_KEYS = [
	'id',
	'type',
	'initial',
	'states',
	'on',
	'entry',
	'exit',
	'output',
	'context'
] as const;

/** Reads either format: a workflow file, or an XState config (ours or a plain one). */
export function fromInterchange(json: unknown): unknown {
	if (!json || typeof json !== 'object' || Array.isArray(json)) return json;
	const file = json as Record<string, unknown>;
	if ('name' in file) return file;
	const meta = (file.meta as { loopwork?: Record<string, unknown> } | undefined)?.loopwork ?? {};
	const out: Record<string, unknown> = {};
	for (const key of MACHINE_KEYS) if (file[key] !== undefined) out[key] = file[key];
	for (const key of EXTRA_KEYS) if (meta[key] !== undefined) out[key] = meta[key];
	out.name ??= typeof file.id === 'string' ? file.id : 'Imported workflow';
	return out;
}

export type ImportCheck =
	{ ok: true; definition: Definition; warnings: Issue[] } | { ok: false; issues: Issue[] };

/** Validates an imported file as publish would: format, then lint. Errors mean nothing is saved. */
export function checkImport(text: string, registry: Registry): ImportCheck {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return {
			ok: false,
			issues: [
				{
					severity: 'error',
					code: 'not_json',
					path: '(file)',
					message: error instanceof Error ? error.message : 'Not JSON'
				}
			]
		};
	}
	const parsed = parseDefinition(fromInterchange(json));
	if (!parsed.ok) return { ok: false, issues: parsed.issues };
	const issues = lintDefinition(parsed.value, registry);
	const errors = issues.filter((i) => i.severity === 'error');
	if (errors.length) return { ok: false, issues: errors };
	return { ok: true, definition: parsed.value, warnings: issues };
}

/**
 * Imports a workflow file or an XState config as the draft of its definition. A file that
 * does not validate answers with its problems and stores nothing.
 */
export async function importDraft(options: {
	em: EntityManager;
	orgId: string;
	text: string;
	registry: Registry;
	actorId: string | null;
	now: Date;
}): Promise<{ ok: true; slug: string; warnings: Issue[] } | { ok: false; issues: Issue[] }> {
	const check = checkImport(options.text, options.registry);
	if (!check.ok) return check;
	const slug = check.definition.id;
	await saveDraft({
		em: options.em,
		orgId: options.orgId,
		slug,
		content: check.definition as unknown as Record<string, unknown>,
		baseVersion: null,
		actorId: options.actorId,
		now: options.now
	});
	return { ok: true, slug, warnings: check.warnings };
}
