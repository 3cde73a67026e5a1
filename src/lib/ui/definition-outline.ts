/**
 * A read-only outline of a definition's content (states, forms, templates) for display. It reads
 * the stored JSON tolerantly: a version saved by an older engine must still render.
 */
import { pickLocalised, type Localised } from './format';

export interface OutlineTransition {
	/** Event name, or the delay for `after` transitions. */
	trigger: string;
	via: 'on' | 'after' | 'always' | 'onDone';
	/** Target state keys; empty when the transition stays (actions only). */
	targets: string[];
	guarded: boolean;
}

export interface OutlineState {
	key: string;
	path: string;
	label: string;
	kind: string;
	isInitial: boolean;
	type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
	params: { assignee?: string; form?: string; title?: string; due?: string };
	transitions: OutlineTransition[];
	children: OutlineState[];
}

export interface OutlineField {
	name: string;
	label: string;
	type: string;
	required: boolean;
}

export interface OutlineForm {
	key: string;
	fields: OutlineField[];
}

export interface OutlineTemplate {
	key: string;
	text: string;
}

export interface DefinitionOutline {
	name: string;
	description: string;
	states: OutlineState[];
	forms: OutlineForm[];
	templates: OutlineTemplate[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const asString = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : undefined;

/** `managerApproval` → `Manager approval`, for states without a label. */
export function humanise(key: string): string {
	const words = key
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/[-_.]+/g, ' ')
		.trim()
		.toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

function targetsOf(config: unknown): { targets: string[]; guarded: boolean }[] {
	const list = Array.isArray(config) ? config : [config];
	return list.map((item) => {
		if (typeof item === 'string') return { targets: [item], guarded: false };
		if (!isObject(item)) return { targets: [], guarded: false };
		const target = item.target;
		const targets = Array.isArray(target)
			? target.filter((t): t is string => typeof t === 'string')
			: typeof target === 'string'
				? [target]
				: [];
		return { targets: targets.map((t) => t.replace(/^\./, '')), guarded: item.guard != null };
	});
}

function transitionsOf(state: Json): OutlineTransition[] {
	const result: OutlineTransition[] = [];
	for (const via of ['on', 'after'] as const) {
		const map = state[via];
		if (!isObject(map)) continue;
		for (const [trigger, config] of Object.entries(map)) {
			for (const t of targetsOf(config)) result.push({ trigger, via, ...t });
		}
	}
	for (const via of ['always', 'onDone'] as const) {
		if (state[via] == null) continue;
		for (const t of targetsOf(state[via])) result.push({ trigger: via, via, ...t });
	}
	return result;
}

/**
 * Siblings in the order a person reads the flow: the initial state, then breadth-first along
 * transitions, unreachable ones after, final states last. The stored order cannot be used:
 * PostgreSQL's jsonb does not keep key order.
 */
export function flowOrder(siblings: OutlineState[]): OutlineState[] {
	const byKey = new Map(siblings.map((state) => [state.key, state]));
	const targetsOfTree = (state: OutlineState): string[] => [
		...state.transitions.flatMap((t) => t.targets),
		...state.children.flatMap(targetsOfTree)
	];
	const ordered: OutlineState[] = [];
	const seen = new Set<string>();
	const queue = siblings.filter((state) => state.isInitial);
	if (queue.length === 0 && siblings[0]) queue.push(siblings[0]);
	while (queue.length > 0) {
		const state = queue.shift()!;
		if (seen.has(state.key)) continue;
		seen.add(state.key);
		ordered.push(state);
		for (const target of targetsOfTree(state)) {
			// Targets may be `sibling`, `#id.path` or `parent.child`: match on the first segment.
			const next = byKey.get(target.replace(/^#[^.]*\./, '').split('.')[0] ?? '');
			if (next && !seen.has(next.key)) queue.push(next);
		}
	}
	const rest = siblings.filter((state) => !seen.has(state.key));
	const isFinal = (state: OutlineState) => state.type === 'final';
	return [
		...ordered.filter((s) => !isFinal(s)),
		...rest.filter((s) => !isFinal(s)),
		...ordered.filter(isFinal),
		...rest.filter(isFinal)
	];
}

function statesOf(states: unknown, initial: unknown, parentPath: string, locale: string) {
	if (!isObject(states)) return [];
	return flowOrder(
		Object.entries(states).map(([key, raw]): OutlineState => {
			const state = isObject(raw) ? raw : {};
			const meta = isObject(state.meta) ? state.meta : {};
			const params = isObject(meta.params) ? meta.params : {};
			const path = parentPath ? `${parentPath}.${key}` : key;
			const rawType = asString(state.type);
			const children = statesOf(state.states, state.initial, path, locale);
			const type =
				rawType === 'parallel' || rawType === 'final' || rawType === 'history'
					? rawType
					: children.length > 0
						? 'compound'
						: 'atomic';
			const label = pickLocalised(meta.label as Localised, locale);
			return {
				key,
				path,
				label: label || humanise(key),
				kind:
					asString(meta.kind) ??
					(type === 'final' ? 'final' : type === 'parallel' ? 'parallel' : ''),
				isInitial: initial === key,
				type,
				params: {
					assignee: asString(params.assignee),
					form: asString(params.form),
					title: asString(params.title),
					due: asString(params.due)
				},
				transitions: transitionsOf(state),
				children
			};
		})
	);
}

function formsOf(forms: unknown): OutlineForm[] {
	if (!isObject(forms)) return [];
	return Object.entries(forms).map(([key, raw]) => {
		const schema = isObject(raw) && isObject(raw.schema) ? raw.schema : {};
		const properties = isObject(schema.properties) ? schema.properties : {};
		const required = Array.isArray(schema.required) ? schema.required : [];
		const fields = Object.entries(properties).map(([name, prop]): OutlineField => {
			const field = isObject(prop) ? prop : {};
			const type = Array.isArray(field.type)
				? field.type.join(' | ')
				: (asString(field.type) ?? (Array.isArray(field.enum) ? 'enum' : ''));
			return {
				name,
				label: asString(field.title) ?? humanise(name),
				type:
					field.type === 'array' && isObject(field.items)
						? `${type}<${asString(field.items.type) ?? '…'}>`
						: type,
				required: required.includes(name)
			};
		});
		return { key, fields };
	});
}

function templatesOf(templates: unknown, locale: string): OutlineTemplate[] {
	if (!isObject(templates)) return [];
	return Object.entries(templates).map(([key, value]) => ({
		key,
		text: pickLocalised(value as Localised, locale)
	}));
}

export function outlineDefinition(content: unknown, locale: string): DefinitionOutline {
	const root = isObject(content) ? content : {};
	return {
		name: pickLocalised(root.name as Localised, locale),
		description: pickLocalised(root.description as Localised, locale),
		states: statesOf(root.states, root.initial, '', locale),
		forms: formsOf(root.forms),
		templates: templatesOf(root.templates, locale)
	};
}

/** Dotted paths of the active leaf states of an XState state value (`{ tracking: { metrics: 'watching' } }`). */
export function activePaths(stateValue: unknown, prefix = ''): string[] {
	if (typeof stateValue === 'string') return [prefix ? `${prefix}.${stateValue}` : stateValue];
	if (!isObject(stateValue)) return [];
	const entries = Object.entries(stateValue);
	if (entries.length === 0) return prefix ? [prefix] : [];
	return entries.flatMap(([key, child]) => activePaths(child, prefix ? `${prefix}.${key}` : key));
}
