import type { Definition, StateConfig, TransitionConfig } from '../engine/definition';
import { describeRef, transitionLabel } from './labels';

/** Where a transition sits in its state: `on.<event>`, `after.<delay>`, `always`, `onDone`. */
export type TransitionSlot = 'on' | 'after' | 'always' | 'onDone';

/** One raw item of a transition list, as the file holds it (a target string or an object). */
export type TransitionItem = Exclude<TransitionConfig, unknown[]>;

/** A transition item with where it came from, so the state can be rebuilt exactly. */
export type PlacedTransition = {
	from: string;
	slot: TransitionSlot;
	/** The event or delay; absent for `always` and `onDone`. */
	key?: string;
	/** Index in the slot's list; `isList` says the file wrote a list (even of one). */
	index: number;
	isList: boolean;
	item: TransitionItem;
};

/** What a state node carries: the state without children and transitions, plus order hints. */
export type StateNodeData = {
	path: string;
	key: string;
	kind: string;
	/** The state's own config minus `states`, `on`, `after`, `always`, `onDone`. */
	config: StateConfig;
	/** The key order of the state's config, so a rebuild writes the same JSON. */
	keyOrder: string[];
	/** Key order of `on` and `after` (events with no edge still keep their place). */
	slotKeys: { on: string[]; after: string[] };
	/** Transitions without a target (actions only) or with several targets: not drawn as one edge. */
	internal: PlacedTransition[];
	isInitial: boolean;
	/** Whether `layout` holds this state's position (else it is a placeholder until laid out). */
	positioned: boolean;
	/** Set by the designer: lint problems on this node, active in the simulation. */
	problems?: number;
	isActive?: boolean;
	diff?: 'added' | 'removed' | 'changed';
};

export type TransitionEdgeData = PlacedTransition & {
	/** Order among all transitions of the definition, to rebuild `on` key order. */
	order: number;
	label: string;
	guardText?: string;
	actionsText?: string;
	problems?: number;
	diff?: 'added' | 'removed' | 'changed';
};

export type Position = { x: number; y: number };

/** Structurally an @xyflow/svelte Node (kept framework-free so tests need no mocks). */
export type DesignerNode = {
	id: string;
	type: string;
	position: Position;
	data: StateNodeData;
	parentId?: string;
	width?: number;
	height?: number;
	selected?: boolean;
	extent?: 'parent';
	zIndex?: number;
};

/** Structurally an @xyflow/svelte Edge. */
export type DesignerEdge = {
	id: string;
	source: string;
	target: string;
	type: 'transition';
	data: TransitionEdgeData;
	selected?: boolean;
};

export type DesignerGraph = {
	nodes: DesignerNode[];
	edges: DesignerEdge[];
	/** Everything of the definition that is not states or layout. */
	rest: Omit<Definition, 'states' | 'layout'>;
	/** The top-level key order of the file. */
	keyOrder: string[];
	/** Layout entries of paths that are not states (kept so nothing is lost). */
	strayLayout: Record<string, Position>;
	/** The key order of `layout`, or undefined when the file had none. */
	layoutOrder: string[] | undefined;
};

export const CONTAINER_KINDS = new Set(['group', 'parallel']);
const TRANSITION_KEYS = ['on', 'after', 'always', 'onDone', 'states'] as const;

export const NODE_SIZE = { width: 200, height: 64 } as const;

/** The xyflow node type for a kind: built-in kinds by name, plugin kinds render as a task. */
export function nodeTypeFor(kind: string, config: StateConfig): string {
	if (config.type === 'parallel') return 'parallel';
	if (config.type === 'final') return 'final';
	if (config.states && Object.keys(config.states).length > 0) return 'group';
	if (['task', 'approval', 'action', 'wait', 'decision', 'final'].includes(kind)) return kind;
	if (kind === 'group' || kind === 'parallel') return kind;
	return 'task';
}

const parentOf = (path: string) => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '');

/** Resolves an XState target (`sibling`, `.child`, `#id`, `a.b`) to a state path. */
export function resolveTargetPath(
	from: string,
	target: string,
	paths: ReadonlySet<string>,
	ids: ReadonlyMap<string, string>
): string | undefined {
	if (target.startsWith('#'))
		return ids.get(target.slice(1)) ?? (paths.has(target.slice(1)) ? target.slice(1) : undefined);
	const base = target.startsWith('.') ? from : parentOf(from);
	const relative = target.startsWith('.') ? target.slice(1) : target;
	const path = base ? `${base}.${relative}` : relative;
	return paths.has(path) ? path : undefined;
}

/** Every state path of a definition, depth first in document order, with its config. */
export function listStates(
	states: Record<string, StateConfig> | undefined,
	prefix = ''
): { path: string; key: string; config: StateConfig; parent: string }[] {
	const out: { path: string; key: string; config: StateConfig; parent: string }[] = [];
	for (const [key, config] of Object.entries(states ?? {})) {
		const path = prefix ? `${prefix}.${key}` : key;
		out.push({ path, key, config, parent: prefix });
		out.push(...listStates(config.states, path));
	}
	return out;
}

function placedOf(path: string, config: StateConfig): PlacedTransition[] {
	const out: PlacedTransition[] = [];
	const add = (slot: TransitionSlot, key: string | undefined, value: TransitionConfig) => {
		const isList = Array.isArray(value);
		const list = isList ? value : [value];
		list.forEach((item, index) => out.push({ from: path, slot, key, index, isList, item }));
	};
	for (const [event, value] of Object.entries(config.on ?? {})) add('on', event, value);
	for (const [delay, value] of Object.entries(config.after ?? {})) add('after', delay, value);
	if (config.always !== undefined) add('always', undefined, config.always);
	if (config.onDone !== undefined) add('onDone', undefined, config.onDone);
	return out;
}

function targetsOf(item: TransitionItem): string[] {
	if (typeof item === 'string') return [item];
	if (item.target === undefined) return [];
	return Array.isArray(item.target) ? item.target : [item.target];
}

/** `on.submit`, `after.P7D.0`: the transition's place, as lint issue paths name it. */
export function transitionAt(t: PlacedTransition): string {
	const head = t.key === undefined ? t.slot : `${t.slot}.${t.key}`;
	return t.isList ? `${head}.${t.index}` : head;
}

/** The edge id of a transition: `<from>::<at>`, as lint paths `<from>.<at>` can be matched. */
export function edgeIdOf(t: PlacedTransition): string {
	return `${t.from}::${transitionAt(t)}`;
}

function stripTransitions(config: StateConfig): StateConfig {
	const copy: Record<string, unknown> = { ...config };
	for (const key of TRANSITION_KEYS) delete copy[key];
	return copy as StateConfig;
}

/**
 * Maps a definition to xyflow nodes and edges. States become nodes (compound ones are parents
 * of their children, listed before them as xyflow requires); each transition with one target
 * becomes an edge. Positions come from `layout` (relative to the parent); missing ones are
 * placed on a simple grid until a layout is run.
 */
export function definitionToGraph(definition: Definition): DesignerGraph {
	const { states, layout, ...rest } = definition;
	const all = listStates(states);
	const paths = new Set(all.map((s) => s.path));
	const ids = new Map<string, string>();
	for (const s of all) if (s.config.id) ids.set(s.config.id, s.path);
	const nodes: DesignerNode[] = [];
	const edges: DesignerEdge[] = [];
	const siblingIndex = new Map<string, number>();
	let order = 0;
	for (const s of all) {
		const index = siblingIndex.get(s.parent) ?? 0;
		siblingIndex.set(s.parent, index + 1);
		const placed = placedOf(s.path, s.config);
		const internal: PlacedTransition[] = [];
		for (const t of placed) {
			const targets = targetsOf(t.item);
			const resolved =
				targets.length === 1 ? resolveTargetPath(s.path, targets[0] ?? '', paths, ids) : undefined;
			if (!resolved) {
				internal.push(t);
				continue;
			}
			edges.push({
				id: edgeIdOf(t),
				source: s.path,
				target: resolved,
				type: 'transition',
				data: { ...t, order: order++, ...transitionLabel(t) }
			});
		}
		const parentConfig = s.parent ? all.find((p) => p.path === s.parent)?.config : definition;
		const saved = layout?.[s.path];
		const kind = s.config.meta?.kind ?? (s.config.type === 'final' ? 'final' : 'wait');
		const type = nodeTypeFor(kind, s.config);
		const node: DesignerNode = {
			id: s.path,
			type,
			position: saved
				? { x: saved.x, y: saved.y }
				: { x: (index % 4) * 260, y: Math.floor(index / 4) * 140 },
			data: {
				path: s.path,
				key: s.key,
				kind,
				config: stripTransitions(s.config),
				keyOrder: Object.keys(s.config),
				slotKeys: { on: Object.keys(s.config.on ?? {}), after: Object.keys(s.config.after ?? {}) },
				internal,
				isInitial:
					parentConfig?.type !== 'parallel' &&
					(parentConfig?.initial === s.key || (parentConfig?.initial === undefined && index === 0)),
				positioned: saved !== undefined
			}
		};
		if (s.parent) node.parentId = s.parent;
		const size = saved as { width?: unknown; height?: unknown } | undefined;
		if (typeof size?.width === 'number') node.width = size.width;
		if (typeof size?.height === 'number') node.height = size.height;
		nodes.push(node);
	}
	const strayLayout: Record<string, Position> = {};
	for (const [path, position] of Object.entries(layout ?? {})) {
		if (!paths.has(path)) strayLayout[path] = position;
	}
	return {
		nodes,
		edges,
		rest,
		keyOrder: Object.keys(definition),
		strayLayout,
		layoutOrder: layout ? Object.keys(layout) : undefined
	};
}

/** Writes `target` into a transition item, keeping its shape (string stays string). */
export function retarget(item: TransitionItem, target: string): TransitionItem {
	if (typeof item === 'string') return target;
	return { ...item, target };
}

function ordered<T extends Record<string, unknown>>(value: T, order: readonly string[]): T {
	const out: Record<string, unknown> = {};
	for (const key of order) if (key in value && value[key] !== undefined) out[key] = value[key];
	for (const [key, v] of Object.entries(value)) if (!(key in out) && v !== undefined) out[key] = v;
	return out as T;
}

/** Rebuilds the relative target an edge points at, as XState reads it from its source. */
export function relativeTarget(from: string, to: string): string {
	const parent = parentOf(from);
	if (parent && to.startsWith(`${parent}.`)) return to.slice(parent.length + 1);
	if (!parent && !to.includes('.')) return to;
	if (to.startsWith(`${from}.`)) return `.${to.slice(from.length + 1)}`;
	if (!parent) return to;
	return `#${to}`;
}

function edgeTarget(
	edge: DesignerEdge,
	ids: ReadonlyMap<string, string>,
	paths: ReadonlySet<string>
): TransitionItem {
	const item = edge.data.item;
	const current = targetsOf(item)[0];
	// Keep the file's own spelling when it still points at the same state.
	if (current !== undefined && resolveTargetPath(edge.source, current, paths, ids) === edge.target)
		return item;
	const id = [...ids.entries()].find(([, path]) => path === edge.target)?.[0];
	return retarget(
		item,
		id && relativeTarget(edge.source, edge.target).startsWith('#')
			? `#${id}`
			: relativeTarget(edge.source, edge.target)
	);
}

/**
 * The inverse of `definitionToGraph`: nodes give the states (and `layout`), edges and the
 * nodes' internal transitions give `on`/`after`/`always`/`onDone`. A round trip writes the
 * same definition, key order included.
 */
export function graphToDefinition(graph: DesignerGraph): Definition {
	const paths = new Set(graph.nodes.map((n) => n.id));
	const ids = new Map<string, string>();
	for (const n of graph.nodes) if (n.data.config.id) ids.set(n.data.config.id, n.id);
	const bySource = new Map<string, { t: PlacedTransition; order: number }[]>();
	const push = (from: string, t: PlacedTransition, order: number) => {
		const list = bySource.get(from) ?? [];
		list.push({ t, order });
		bySource.set(from, list);
	};
	for (const edge of graph.edges) {
		push(
			edge.source,
			{ ...edge.data, from: edge.source, item: edgeTarget(edge, ids, paths) },
			edge.data.order
		);
	}
	for (const node of graph.nodes) {
		for (const t of node.data.internal) push(node.id, t, -1);
	}
	const built = new Map<string, StateConfig>();
	const children = new Map<string, string[]>();
	for (const node of graph.nodes) {
		const parent = node.parentId ?? '';
		children.set(parent, [...(children.get(parent) ?? []), node.id]);
	}
	// Children before parents: walk nodes in reverse document order.
	for (const node of [...graph.nodes].reverse()) {
		const config: Record<string, unknown> = { ...node.data.config };
		const transitions = (bySource.get(node.id) ?? []).sort((a, b) => a.t.index - b.t.index);
		const slots = {
			on: {} as Record<string, PlacedTransition[]>,
			after: {} as Record<string, PlacedTransition[]>,
			always: [] as PlacedTransition[],
			onDone: [] as PlacedTransition[]
		};
		for (const { t } of transitions) {
			if (t.slot === 'on' || t.slot === 'after') (slots[t.slot][t.key ?? ''] ??= []).push(t);
			else slots[t.slot].push(t);
		}
		const collapse = (list: PlacedTransition[]): TransitionConfig =>
			list.length === 1 && !list[0]?.isList
				? (list[0]?.item as TransitionItem)
				: list.map((t) => t.item);
		const keyed = (slot: 'on' | 'after') => {
			const entries = slots[slot];
			const keys = [
				...node.data.slotKeys[slot].filter((k) => k in entries),
				...Object.keys(entries).filter((k) => !node.data.slotKeys[slot].includes(k))
			];
			if (keys.length === 0) return undefined;
			return Object.fromEntries(keys.map((k) => [k, collapse(entries[k] ?? [])]));
		};
		config.on = keyed('on');
		config.after = keyed('after');
		config.always = slots.always.length ? collapse(slots.always) : undefined;
		config.onDone = slots.onDone.length ? collapse(slots.onDone) : undefined;
		const kids = children.get(node.id);
		if (kids?.length) {
			config.states = Object.fromEntries(
				kids.map((id) => [id.slice(node.id.length + 1), built.get(id) as StateConfig])
			);
		}
		built.set(node.id, ordered(config, node.data.keyOrder) as StateConfig);
	}
	const states = Object.fromEntries(
		(children.get('') ?? []).map((id) => [id, built.get(id) as StateConfig])
	);
	const definition: Record<string, unknown> = { ...graph.rest, states };
	const positioned = graph.nodes.filter((n) => n.data.positioned);
	if (graph.layoutOrder || positioned.length > 0) {
		const layout: Record<string, Position> = { ...graph.strayLayout };
		for (const node of positioned) {
			const entry: Record<string, number> = { x: node.position.x, y: node.position.y };
			if (node.width !== undefined) entry.width = node.width;
			if (node.height !== undefined) entry.height = node.height;
			layout[node.id] = entry as Position;
		}
		definition.layout = ordered(layout, graph.layoutOrder ?? []);
	}
	return ordered(definition, graph.keyOrder) as Definition;
}

export { describeRef };
