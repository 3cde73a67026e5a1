import type { IndexedState } from './compile';
import type { Definition, Issue, NamedRef, StateConfig, TransitionConfig } from './definition';
import { closeNames, formatHint } from './suggest';

/** One transition of a state, flattened, with where it sits in the file. */
export type FlatTransition = {
	from: string;
	/** Path of the transition inside the state (`on.submit`, `after.P7D.0`). */
	at: string;
	event: string;
	targets: string[];
	guard?: NamedRef;
	actions: NamedRef[];
};

const asArray = <T>(value: T | T[] | undefined): T[] =>
	value === undefined ? [] : Array.isArray(value) ? value : [value];

function flatten(from: string, key: string, event: string, config: TransitionConfig) {
	const list = asArray(config);
	return list.map((item, index): FlatTransition => {
		const at = list.length > 1 || Array.isArray(config) ? `${key}.${index}` : key;
		if (typeof item === 'string') return { from, at, event, targets: [item], actions: [] };
		return {
			from,
			at,
			event,
			targets: asArray(item.target),
			guard: item.guard,
			actions: asArray(item.actions)
		};
	});
}

/** Every transition of a state: `on`, `after`, `always`, `onDone`. */
export function transitionsOf(path: string, config: StateConfig): FlatTransition[] {
	const on = Object.entries(config.on ?? {}).flatMap(([event, t]) =>
		flatten(path, `on.${event}`, event, t)
	);
	const after = Object.entries(config.after ?? {}).flatMap(([delay, t]) =>
		flatten(path, `after.${delay}`, `after ${delay}`, t)
	);
	const always = config.always ? flatten(path, 'always', '(always)', config.always) : [];
	const done = config.onDone ? flatten(path, 'onDone', '(done)', config.onDone) : [];
	return [...on, ...after, ...always, ...done];
}

/** The root of the definition as a state config: its own `on`, `entry` and `exit`. */
export function rootConfig(definition: Definition): StateConfig {
	return {
		...(definition.on ? { on: definition.on } : {}),
		...(definition.entry ? { entry: definition.entry } : {}),
		...(definition.exit ? { exit: definition.exit } : {})
	};
}

/** `base.rest`, or `rest` at the root (path ''). */
export const joinPath = (base: string, rest: string) => (base ? `${base}.${rest}` : rest);

const parentOf = (path: string) => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '');

/** Resolves an XState target (`sibling`, `.child`, `#id`, `sibling.child`) to a state path. */
export function resolveTarget(
	from: string,
	target: string,
	states: ReadonlyMap<string, IndexedState>
): string | undefined {
	if (target.startsWith('#')) {
		const id = target.slice(1);
		for (const state of states.values()) if (state.config.id === id) return state.path;
		return states.has(id) ? id : undefined;
	}
	// XState resolves a bare target against the parent; the root has none (use `.child`).
	if (from === '' && !target.startsWith('.')) return undefined;
	const base = target.startsWith('.') ? from : parentOf(from);
	const relative = target.startsWith('.') ? target.slice(1) : target;
	const path = base ? `${base}.${relative}` : relative;
	return states.has(path) ? path : undefined;
}

const childrenOf = (path: string, states: ReadonlyMap<string, IndexedState>) =>
	[...states.keys()].filter((p) => parentOf(p) === path && p !== path);

const ancestorsOf = (path: string): string[] => {
	const out: string[] = [];
	for (let p = parentOf(path); p; p = parentOf(p)) out.push(p);
	return out;
};

function successors(
	path: string,
	states: ReadonlyMap<string, IndexedState>,
	root: StateConfig = {}
): string[] {
	const state = states.get(path);
	if (!state) return [];
	const config = state.config;
	const out: string[] = [];
	const children = childrenOf(path, states);
	if (config.type === 'parallel') out.push(...children);
	else if (config.initial) out.push(`${path}.${config.initial}`);
	else if (children[0]) out.push(children[0]);
	for (const owner of [path, ...ancestorsOf(path), '']) {
		const ownerConfig = owner === '' ? root : states.get(owner)?.config;
		if (!ownerConfig) continue;
		for (const t of transitionsOf(owner, ownerConfig)) {
			if (t.event === '(done)' && owner !== path) continue;
			for (const target of t.targets) {
				const resolved = resolveTarget(owner, target, states);
				if (resolved) out.push(resolved);
			}
		}
	}
	if (config.type === 'final') {
		// A final child completes its parent; a parallel grandparent completes when all do.
		const parent = parentOf(path);
		const grand = parentOf(parent);
		const owners = [parent];
		if (states.get(grand)?.config.type === 'parallel') owners.push(grand);
		for (const owner of owners) {
			const onDone = states.get(owner)?.config.onDone;
			for (const t of onDone ? transitionsOf(owner, { onDone }) : []) {
				for (const target of t.targets) {
					const resolved = resolveTarget(owner, target, states);
					if (resolved) out.push(resolved);
				}
			}
		}
	}
	return out;
}

/** Targets that do not exist, with the closest state names as the hint (root `on` included). */
export function lintTargets(
	states: ReadonlyMap<string, IndexedState>,
	root: StateConfig = {}
): Issue[] {
	const issues: Issue[] = [];
	const all = [{ path: '', config: root }, ...states.values()];
	for (const state of all) {
		for (const t of transitionsOf(state.path, state.config)) {
			for (const target of t.targets) {
				if (resolveTarget(state.path, target, states)) continue;
				if (state.path === '' && states.has(target)) {
					issues.push({
						severity: 'error',
						code: 'unknown_target',
						path: t.at,
						message: `A root transition cannot target "${target}" by its bare name`,
						hint: `Use ".${target}" (a child of the root) or "#<id>"`
					});
					continue;
				}
				const siblings = childrenOf(parentOf(state.path), states).map((p) =>
					p.slice(parentOf(state.path) ? parentOf(state.path).length + 1 : 0)
				);
				issues.push({
					severity: 'error',
					code: 'unknown_target',
					path: joinPath(state.path, t.at),
					message: `Transition target "${target}" does not exist`,
					hint: formatHint(closeNames(target, siblings), siblings)
				});
			}
		}
		if (state.config.initial && !states.has(`${state.path}.${state.config.initial}`)) {
			issues.push({
				severity: 'error',
				code: 'unknown_target',
				path: `${state.path}.initial`,
				message: `Initial state "${state.config.initial}" does not exist`,
				hint: formatHint(
					[],
					childrenOf(state.path, states).map((p) => p.slice(state.path.length + 1))
				)
			});
		}
	}
	return issues;
}

/** States never entered from the initial state, and states from which no end is reachable. */
export function lintReachability(
	definition: Definition,
	states: ReadonlyMap<string, IndexedState>
): Issue[] {
	const issues: Issue[] = [];
	const root = rootConfig(definition);
	const rootInitial = definition.initial ?? Object.keys(definition.states)[0];
	const start = definition.type === 'parallel' ? Object.keys(definition.states) : [rootInitial];
	const reached = new Set<string>();
	const queue = start.filter((p): p is string => p !== undefined && states.has(p));
	while (queue.length > 0) {
		const path = queue.shift() as string;
		if (reached.has(path)) continue;
		reached.add(path);
		for (const a of ancestorsOf(path)) if (!reached.has(a)) queue.push(a);
		queue.push(...successors(path, states, root));
	}
	for (const path of states.keys()) {
		if (!reached.has(path)) {
			issues.push({
				severity: 'error',
				code: 'unreachable_state',
				path,
				message: `State "${path}" can never be entered`,
				hint: 'Add a transition that targets it, or delete it'
			});
		}
	}
	const isTopFinal = (p: string) => !p.includes('.') && states.get(p)?.config.type === 'final';
	for (const path of reached) {
		const state = states.get(path);
		if (!state || state.config.type === 'final') continue;
		const seen = new Set<string>([path]);
		const stack = [...successors(path, states, root)];
		let ok = false;
		while (stack.length > 0 && !ok) {
			const next = stack.pop() as string;
			if (isTopFinal(next)) ok = true;
			else if (!seen.has(next)) {
				seen.add(next);
				stack.push(...successors(next, states, root));
			}
		}
		if (!ok) {
			issues.push({
				severity: 'error',
				code: 'no_path_to_final',
				path,
				message: `No final state can be reached from "${path}"`,
				hint: 'Add a transition that leads toward a final state'
			});
		}
	}
	return issues;
}
