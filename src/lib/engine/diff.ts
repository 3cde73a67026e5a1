import { indexStates } from './compile';
import type { Definition, NamedRef, StateConfig } from './definition';
import { resolveTarget, transitionsOf } from './lint-graph';

/** A transition as the diff names it: `<from> <at>` is its identity (`review on.submit`). */
export type TransitionRef = {
	id: string;
	from: string;
	at: string;
	event: string;
	/** Resolved target paths (the raw target when it does not resolve). */
	targets: string[];
	guard?: string;
	actions: string[];
};

export type Changed<T> = { before: T; after: T; fields: string[] };

export type SectionDiff = { added: string[]; removed: string[]; changed: string[] };

/** What changed between two definitions, for the designer's diff view and list. */
export type DefinitionDiff = {
	states: { added: string[]; removed: string[]; changed: { path: string; fields: string[] }[] };
	transitions: {
		added: TransitionRef[];
		removed: TransitionRef[];
		changed: Changed<TransitionRef>[];
	};
	forms: SectionDiff;
	templates: SectionDiff;
	/** Other top-level keys that differ (`data`, `context`, `name`…; `layout` is ignored). */
	other: string[];
	isEmpty: boolean;
};

/** JSON with sorted keys: equal values give equal text whatever the key order. */
export function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function refText(ref: NamedRef): string {
	if (typeof ref === 'string') return ref;
	const expr = ref.params?.expr;
	if (ref.type === 'core.expr' && typeof expr === 'string') return expr;
	return ref.params ? `${ref.type} ${canonical(ref.params)}` : ref.type;
}

const OWN_KEYS_IGNORED = new Set(['states', 'on', 'after', 'always', 'onDone']);

function ownFields(config: StateConfig): Record<string, unknown> {
	return Object.fromEntries(Object.entries(config).filter(([key]) => !OWN_KEYS_IGNORED.has(key)));
}

function transitionsOfDefinition(definition: Definition): Map<string, TransitionRef> {
	const states = indexStates(definition.states);
	const out = new Map<string, TransitionRef>();
	for (const state of states.values()) {
		for (const t of transitionsOf(state.path, state.config)) {
			const id = `${t.from} ${t.at}`;
			out.set(id, {
				id,
				from: t.from,
				at: t.at,
				event: t.event,
				targets: t.targets.map((target) => resolveTarget(t.from, target, states) ?? target),
				...(t.guard ? { guard: refText(t.guard) } : {}),
				actions: t.actions.map(refText)
			});
		}
	}
	return out;
}

function diffKeys(
	before: Record<string, unknown> = {},
	after: Record<string, unknown> = {}
): SectionDiff {
	const added = Object.keys(after).filter((k) => !(k in before));
	const removed = Object.keys(before).filter((k) => !(k in after));
	const changed = Object.keys(after).filter((k) => k in before && !same(before[k], after[k]));
	return { added, removed, changed };
}

function fieldsChanged(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
	const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
	return [...keys].filter((k) => !same(before[k], after[k])).sort();
}

/**
 * Compares two definitions: states and transitions added, removed and changed (a transition
 * is identified by its state and place, `review on.submit`, so a new target is a change),
 * plus forms, templates and the other top-level parts. Layout moves are not changes.
 */
export function diffDefinitions(before: Definition, after: Definition): DefinitionDiff {
	const a = indexStates(before.states);
	const b = indexStates(after.states);
	const states: DefinitionDiff['states'] = {
		added: [...b.keys()].filter((p) => !a.has(p)),
		removed: [...a.keys()].filter((p) => !b.has(p)),
		changed: []
	};
	for (const [path, state] of b) {
		const old = a.get(path);
		if (!old) continue;
		const fields = fieldsChanged(ownFields(old.config), ownFields(state.config));
		if (fields.length) states.changed.push({ path, fields });
	}
	const ta = transitionsOfDefinition(before);
	const tb = transitionsOfDefinition(after);
	const transitions: DefinitionDiff['transitions'] = {
		added: [...tb.values()].filter((t) => !ta.has(t.id)),
		removed: [...ta.values()].filter((t) => !tb.has(t.id)),
		changed: []
	};
	for (const [id, t] of tb) {
		const old = ta.get(id);
		if (!old || same(old, t)) continue;
		const fields = (['targets', 'guard', 'actions'] as const).filter((f) => !same(old[f], t[f]));
		transitions.changed.push({ before: old, after: t, fields });
	}
	const forms = diffKeys(before.forms, after.forms);
	const templates = diffKeys(before.templates, after.templates);
	const skip = new Set(['states', 'forms', 'templates', 'layout', '$schema']);
	const top = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => !skip.has(k)));
	const other = [...top]
		.filter(
			(k) => !same((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k])
		)
		.sort();
	const isEmpty =
		states.added.length + states.removed.length + states.changed.length === 0 &&
		transitions.added.length + transitions.removed.length + transitions.changed.length === 0 &&
		[forms, templates].every((s) => s.added.length + s.removed.length + s.changed.length === 0) &&
		other.length === 0;
	return { states, transitions, forms, templates, other, isEmpty };
}
