import type { Definition, StateConfig } from '../engine/definition';
import type { JsonSchema, Localized } from '../engine/plugin';
import type { Registry } from '../engine/registry';

/** One entry of the palette: a node kind a plugin provides. */
export type PaletteKind = {
	kind: string;
	label: Localized;
	description?: string;
	params?: JsonSchema;
	isTask: boolean;
	stateType?: 'atomic' | 'compound' | 'parallel' | 'final';
};

const ORDER = ['task', 'approval', 'action', 'wait', 'decision', 'group', 'parallel', 'final'];

export function paletteKinds(registry: Registry): PaletteKind[] {
	const kinds = [...registry.nodeKinds].map(([kind, def]): PaletteKind => ({
		kind,
		label: def.label ?? kind,
		description: def.description,
		params: def.params,
		isTask: def.isTask === true,
		stateType: def.stateType
	}));
	const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
	return kinds.sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind));
}

/** Text of a localized value in a locale, falling back to English and then any. */
export function localize(value: Localized | undefined, locale: string): string {
	if (value === undefined) return '';
	if (typeof value === 'string') return value;
	return value[locale] ?? value.en ?? Object.values(value)[0] ?? '';
}

/** Defaults for a schema's properties: `default`, else a required string gets ''. */
export function schemaDefaults(schema: JsonSchema | undefined): Record<string, unknown> {
	const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
	const required = new Set((schema?.required ?? []) as string[]);
	const out: Record<string, unknown> = {};
	for (const [name, prop] of Object.entries(properties)) {
		if (prop.default !== undefined) out[name] = prop.default;
		else if (required.has(name) && prop.type === 'string') out[name] = '';
	}
	return out;
}

/**
 * A new state of a kind, with the kind's defaults. A task or approval gets its own form and
 * title template (returned so the caller adds them), so a new task lints clean at once.
 */
export function newState(
	kind: PaletteKind,
	key: string,
	definition: Definition
): { state: StateConfig; forms?: Definition['forms']; templates?: Definition['templates'] } {
	if (kind.isTask) {
		const form = key;
		const title = `${key}Title`;
		const params: Record<string, unknown> = {
			...schemaDefaults(kind.params),
			assignee: 'subject',
			form,
			title,
			due: 'P7D'
		};
		if (kind.kind === 'approval')
			params.outcomes = { approve: {}, return: { requiresComment: true } };
		return {
			state: { meta: { kind: kind.kind, params } },
			forms: definition.forms?.[form]
				? undefined
				: { [form]: { schema: { type: 'object', properties: {} } } },
			templates: definition.templates?.[title]
				? undefined
				: { [title]: { en: `${key} for {{subject.name}}`, 'zh-CN': `{{subject.name}}：${key}` } }
		};
	}
	const params = schemaDefaults(kind.params);
	const meta = Object.keys(params).length ? { kind: kind.kind, params } : { kind: kind.kind };
	if (kind.stateType === 'final') return { state: { type: 'final', meta } };
	if (kind.stateType === 'parallel') {
		return {
			state: {
				type: 'parallel',
				meta,
				states: {
					regionA: {
						initial: 'start',
						meta: { kind: 'group' },
						states: { start: { meta: { kind: 'wait' } } }
					},
					regionB: {
						initial: 'start',
						meta: { kind: 'group' },
						states: { start: { meta: { kind: 'wait' } } }
					}
				}
			}
		};
	}
	if (kind.stateType === 'compound') {
		return { state: { initial: 'start', meta, states: { start: { meta: { kind: 'wait' } } } } };
	}
	return { state: { meta } };
}
