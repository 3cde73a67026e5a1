import type { Definition, NamedRef, StateConfig, TransitionConfig } from '../engine/definition';
import type { Position, TransitionItem, TransitionSlot } from './graph';
import { listStates, relativeTarget, resolveTargetPath, retarget } from './graph';
import { newState, type PaletteKind } from './kinds';
import {
	childStates,
	getState,
	keyOf,
	parentOf,
	uniqueKey,
	updateChildren,
	updateState
} from './state-path';

/** Names one transition item: the state, its slot, the event/delay and the list index. */
export type TransitionRef = { from: string; slot: TransitionSlot; key?: string; index: number };

export type LayoutEntry = Position & { width?: number; height?: number };

const asList = (value: TransitionConfig | undefined): TransitionItem[] =>
	value === undefined ? [] : Array.isArray(value) ? value : [value];

function writeSlot(
	state: StateConfig,
	ref: TransitionRef,
	list: TransitionItem[],
	wasList: boolean
): StateConfig {
	const value: TransitionConfig | undefined =
		list.length === 0
			? undefined
			: list.length === 1 && !wasList
				? (list[0] as TransitionItem)
				: list;
	const next: StateConfig = { ...state };
	if (ref.slot === 'on' || ref.slot === 'after') {
		const map = { ...(state[ref.slot] ?? {}) };
		if (value === undefined) delete map[ref.key ?? ''];
		else map[ref.key ?? ''] = value;
		if (Object.keys(map).length) next[ref.slot] = map;
		else delete next[ref.slot];
	} else if (value === undefined) delete next[ref.slot];
	else next[ref.slot] = value;
	return next;
}

function readSlot(
	state: StateConfig,
	ref: Pick<TransitionRef, 'slot' | 'key'>
): TransitionConfig | undefined {
	if (ref.slot === 'on' || ref.slot === 'after') return state[ref.slot]?.[ref.key ?? ''];
	return state[ref.slot];
}

/** The transition item a ref names. */
export function getTransition(
	definition: Definition,
	ref: TransitionRef
): TransitionItem | undefined {
	const state = getState(definition, ref.from);
	return state ? asList(readSlot(state, ref))[ref.index] : undefined;
}

export type TransitionPatch = {
	/** A new event name (moves the item to `on.<event>`; `on` slot only). */
	event?: string;
	/** A target state path. */
	target?: string;
	/** A guard expression; '' removes the guard. */
	guardExpr?: string;
	actions?: NamedRef[];
};

function toObject(item: TransitionItem): Exclude<TransitionItem, string> {
	return typeof item === 'string' ? { target: item } : { ...item };
}

function simplify(item: Exclude<TransitionItem, string>): TransitionItem {
	const keys = Object.keys(item).filter((k) => (item as Record<string, unknown>)[k] !== undefined);
	return keys.length === 1 && keys[0] === 'target' && typeof item.target === 'string'
		? item.target
		: item;
}

/** Edits one transition; an event rename moves it, keeping the others of its event in place. */
export function updateTransition(
	definition: Definition,
	ref: TransitionRef,
	patch: TransitionPatch
): Definition {
	const state = getState(definition, ref.from);
	if (!state) return definition;
	const current = readSlot(state, ref);
	const list = asList(current);
	const item = list[ref.index];
	if (item === undefined) return definition;
	let next: TransitionItem = item;
	if (patch.target !== undefined) next = retarget(next, relativeTarget(ref.from, patch.target));
	if (patch.guardExpr !== undefined || patch.actions !== undefined) {
		const object = toObject(next);
		if (patch.guardExpr !== undefined) {
			if (patch.guardExpr.trim() === '') delete object.guard;
			else object.guard = { type: 'core.expr', params: { expr: patch.guardExpr } };
		}
		if (patch.actions !== undefined) {
			if (patch.actions.length) object.actions = patch.actions;
			else delete object.actions;
		}
		next = simplify(object);
	}
	if (patch.event !== undefined && ref.slot === 'on' && patch.event !== ref.key) {
		const remaining = list.filter((_, i) => i !== ref.index);
		let updated = writeSlot(state, ref, remaining, Array.isArray(current) && remaining.length > 1);
		const target = { slot: 'on' as const, key: patch.event, from: ref.from, index: 0 };
		const existing = asList(readSlot(updated, target));
		updated = writeSlot(updated, target, [...existing, next], existing.length > 0);
		return updateState(definition, ref.from, () => updated);
	}
	const copy = [...list];
	copy[ref.index] = next;
	return updateState(definition, ref.from, (s) => writeSlot(s, ref, copy, Array.isArray(current)));
}

/** Adds `on.<event>` from one state to another (an existing event gets a second branch). */
export function addTransition(
	definition: Definition,
	from: string,
	to: string,
	event: string
): Definition {
	const state = getState(definition, from);
	if (!state) return definition;
	const ref: TransitionRef = { from, slot: 'on', key: event, index: 0 };
	const existing = asList(readSlot(state, ref));
	const item = relativeTarget(from, to);
	return updateState(definition, from, (s) =>
		writeSlot(s, ref, [...existing, item], existing.length > 0)
	);
}

export function removeTransition(definition: Definition, ref: TransitionRef): Definition {
	const state = getState(definition, ref.from);
	if (!state) return definition;
	const current = readSlot(state, ref);
	const list = asList(current).filter((_, i) => i !== ref.index);
	return updateState(definition, ref.from, (s) =>
		writeSlot(s, ref, list, Array.isArray(current) && list.length > 1)
	);
}

/** A free event name for a new transition out of a state. */
export function freeEvent(definition: Definition, from: string, base = 'next'): string {
	return uniqueKey(base, Object.keys(getState(definition, from)?.on ?? {}));
}

/** Adds a state of a palette kind under `parent` at a position; returns its path. */
export function addState(
	definition: Definition,
	options: { kind: PaletteKind; parent?: string; key?: string; position: Position }
): { definition: Definition; path: string } {
	const parent = options.parent ?? '';
	const key = uniqueKey(
		options.key ?? options.kind.kind,
		Object.keys(childStates(definition, parent))
	);
	const path = parent ? `${parent}.${key}` : key;
	const made = newState(options.kind, key, definition);
	let next = updateChildren(definition, parent, (states) => ({ ...states, [key]: made.state }));
	if (made.forms) next = { ...next, forms: { ...next.forms, ...made.forms } };
	if (made.templates) next = { ...next, templates: { ...next.templates, ...made.templates } };
	next = setLayout(next, { [path]: options.position });
	return { definition: next, path };
}

function pointsInto(
	from: string,
	item: TransitionItem,
	removed: ReadonlySet<string>,
	paths: ReadonlySet<string>,
	ids: ReadonlyMap<string, string>
) {
	const targets =
		typeof item === 'string'
			? [item]
			: item.target === undefined
				? []
				: (asList(item.target as TransitionConfig) as string[]);
	return targets.some((t) => {
		const resolved = resolveTargetPath(from, String(t), paths, ids);
		return (
			resolved !== undefined &&
			[...removed].some((r) => resolved === r || resolved.startsWith(`${r}.`))
		);
	});
}

/** Deletes states (and their children), the transitions into them and their layout. */
export function removeStates(definition: Definition, paths: readonly string[]): Definition {
	const all = listStates(definition.states);
	const allPaths = new Set(all.map((s) => s.path));
	const ids = new Map<string, string>();
	for (const s of all) if (s.config.id) ids.set(s.config.id, s.path);
	const removed = new Set(paths.filter((p) => allPaths.has(p)));
	if (removed.size === 0) return definition;
	let next = definition;
	// Drop transitions into removed states first, while every path still resolves.
	for (const s of all) {
		if ([...removed].some((r) => s.path === r || s.path.startsWith(`${r}.`))) continue;
		const filterSlot = (value: TransitionConfig | undefined) => {
			if (value === undefined) return undefined;
			const kept = asList(value).filter(
				(item) => !pointsInto(s.path, item, removed, allPaths, ids)
			);
			if (kept.length === asList(value).length) return value;
			return kept.length === 0 ? undefined : Array.isArray(value) ? kept : kept[0];
		};
		next = updateState(next, s.path, (state) => {
			const copy: StateConfig = { ...state };
			for (const slot of ['on', 'after'] as const) {
				if (!state[slot]) continue;
				const map: Record<string, TransitionConfig> = {};
				for (const [key, value] of Object.entries(state[slot] ?? {})) {
					const kept = filterSlot(value);
					if (kept !== undefined) map[key] = kept;
				}
				if (Object.keys(map).length) copy[slot] = map;
				else delete copy[slot];
			}
			for (const slot of ['always', 'onDone'] as const) {
				const kept = filterSlot(state[slot]);
				if (kept === undefined) delete copy[slot];
				else copy[slot] = kept;
			}
			return copy;
		});
	}
	for (const path of removed) {
		const parent = parentOf(path);
		next = updateChildren(next, parent, (states) => {
			const copy = { ...states };
			delete copy[keyOf(path)];
			return copy;
		});
		const parentState = parent ? getState(next, parent) : undefined;
		const remaining = Object.keys(childStates(next, parent));
		const initial = parent ? parentState?.initial : next.initial;
		if (initial === keyOf(path)) {
			if (parent) next = updateState(next, parent, (s) => ({ ...s, initial: remaining[0] }));
			else next = { ...next, initial: remaining[0] };
		}
	}
	if (next.layout) {
		const layout = Object.fromEntries(
			Object.entries(next.layout).filter(
				([p]) => ![...removed].some((r) => p === r || p.startsWith(`${r}.`))
			)
		);
		next = { ...next, layout };
	}
	return next;
}

/** Writes node positions (and container sizes) into `layout`. */
export function setLayout(
	definition: Definition,
	entries: Record<string, LayoutEntry>
): Definition {
	return { ...definition, layout: { ...definition.layout, ...entries } };
}

/** Replaces `meta.params` of a state. */
export function setParams(
	definition: Definition,
	path: string,
	params: Record<string, unknown>
): Definition {
	return updateState(definition, path, (state) => ({
		...state,
		meta: { ...(state.meta ?? { kind: 'wait' }), params }
	}));
}

/**
 * Sets the text of a localized value in one locale: a value already given per locale keeps
 * its other locales; a plain text stays plain (it is the text of every locale).
 */
export function setLocalized(
	value: unknown,
	text: string,
	locale: string | undefined
): string | Record<string, string> | undefined {
	if (locale && value && typeof value === 'object' && !Array.isArray(value)) {
		const next = { ...(value as Record<string, string>) };
		if (text.trim()) next[locale] = text;
		else delete next[locale];
		return Object.keys(next).length ? next : undefined;
	}
	return text.trim() ? text : undefined;
}

/** Sets a state's label (in `locale` when the label is given per locale). */
export function setLabel(
	definition: Definition,
	path: string,
	label: string,
	locale?: string
): Definition {
	return updateState(definition, path, (state) => {
		const meta = { ...(state.meta ?? { kind: 'wait' }) };
		const next = setLocalized(meta.label, label, locale);
		if (next === undefined) delete meta.label;
		else meta.label = next as typeof meta.label;
		return { ...state, meta };
	});
}

export function setEntryActions(
	definition: Definition,
	path: string,
	actions: NamedRef[]
): Definition {
	return updateState(definition, path, (state) => {
		const copy = { ...state };
		if (actions.length) copy.entry = actions;
		else delete copy.entry;
		return copy;
	});
}

export function setForm(
	definition: Definition,
	name: string,
	form: NonNullable<Definition['forms']>[string]
): Definition {
	return { ...definition, forms: { ...definition.forms, [name]: form } };
}

/** Sets a template's text (in `locale` when the template is given per locale). */
export function setTemplate(
	definition: Definition,
	name: string,
	text: string,
	locale?: string
): Definition {
	const current = definition.templates?.[name];
	const next =
		current && typeof current === 'object' ? (setLocalized(current, text, locale) ?? '') : text;
	return { ...definition, templates: { ...definition.templates, [name]: next } };
}

/** What copy puts on the clipboard: states by key with their positions, from one parent. */
export type Clipboard = {
	states: Record<string, StateConfig>;
	layout: Record<string, LayoutEntry>;
};

/** Copies top-most selected states (children come along with their parent). */
export function copyStates(definition: Definition, paths: readonly string[]): Clipboard {
	const top = paths.filter((p) => !paths.some((q) => p.startsWith(`${q}.`)));
	const states: Record<string, StateConfig> = {};
	const layout: Record<string, LayoutEntry> = {};
	for (const path of top) {
		const state = getState(definition, path);
		if (!state) continue;
		states[keyOf(path)] = structuredClone(state);
		const position = definition.layout?.[path];
		if (position) layout[keyOf(path)] = { ...position };
	}
	return { states, layout };
}

/**
 * Pastes under `parent` with fresh keys, offset so copies do not hide the originals.
 * Transitions between pasted states follow the renames; ids are dropped (they must be unique).
 */
export function pasteStates(
	definition: Definition,
	clipboard: Clipboard,
	parent: string,
	offset: Position = { x: 40, y: 40 }
): { definition: Definition; paths: string[] } {
	const taken = new Set(Object.keys(childStates(definition, parent)));
	const renames = new Map<string, string>();
	for (const key of Object.keys(clipboard.states)) {
		const fresh = uniqueKey(key, taken);
		taken.add(fresh);
		renames.set(key, fresh);
	}
	const rename = (item: TransitionItem): TransitionItem => {
		const target = typeof item === 'string' ? item : item.target;
		return typeof target === 'string' && renames.has(target)
			? retarget(item, renames.get(target) as string)
			: item;
	};
	const renameSlot = (value: TransitionConfig | undefined) =>
		value === undefined ? undefined : Array.isArray(value) ? value.map(rename) : rename(value);
	let next = definition;
	const paths: string[] = [];
	const layout: Record<string, LayoutEntry> = {};
	for (const [key, state] of Object.entries(clipboard.states)) {
		const fresh = renames.get(key) as string;
		const copy: StateConfig = structuredClone(state);
		delete copy.id;
		for (const slot of ['on', 'after'] as const) {
			if (copy[slot])
				copy[slot] = Object.fromEntries(
					Object.entries(copy[slot] ?? {}).map(([k, v]) => [k, renameSlot(v) as TransitionConfig])
				);
		}
		if (copy.always) copy.always = renameSlot(copy.always);
		next = updateChildren(next, parent, (states) => ({ ...states, [fresh]: copy }));
		const path = parent ? `${parent}.${fresh}` : fresh;
		paths.push(path);
		const at = clipboard.layout[key];
		if (at) layout[path] = { ...at, x: at.x + offset.x, y: at.y + offset.y };
	}
	return { definition: setLayout(next, layout), paths };
}

/** Keyboard move steps in flow pixels: an arrow key, and Shift with an arrow key. */
export const NUDGE_STEP = { small: 10, large: 50 } as const;

/** The move of an arrow key (`ArrowLeft`…), `undefined` for any other key. */
export function arrowDelta(key: string, large: boolean): Position | undefined {
	const step = large ? NUDGE_STEP.large : NUDGE_STEP.small;
	const deltas: Record<string, Position> = {
		ArrowLeft: { x: -step, y: 0 },
		ArrowRight: { x: step, y: 0 },
		ArrowUp: { x: 0, y: -step },
		ArrowDown: { x: 0, y: step }
	};
	return deltas[key];
}

/**
 * Moves states by a delta (the keyboard's move of the selection). `positions` are the states'
 * current positions (relative to their container, as `layout` keeps them); a state inside
 * another moved state moves with it and keeps its own relative position.
 */
export function nudgeStates(
	definition: Definition,
	positions: ReadonlyMap<string, Position>,
	paths: readonly string[],
	delta: Position
): Definition {
	const moved = paths.filter(
		(p) => positions.has(p) && !paths.some((q) => q !== p && p.startsWith(`${q}.`))
	);
	if (moved.length === 0 || (delta.x === 0 && delta.y === 0)) return definition;
	const entries: Record<string, LayoutEntry> = {};
	for (const path of moved) {
		const at = positions.get(path) as Position;
		const saved = definition.layout?.[path] as LayoutEntry | undefined;
		entries[path] = { ...saved, x: Math.round(at.x + delta.x), y: Math.round(at.y + delta.y) };
	}
	return setLayout(definition, entries);
}
