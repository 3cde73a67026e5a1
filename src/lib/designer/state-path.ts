import type { Definition, StateConfig } from '../engine/definition';

const parentOf = (path: string) => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '');
const keyOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);

export { parentOf, keyOf };

/** The state at a dotted path, or undefined. */
export function getState(definition: Definition, path: string): StateConfig | undefined {
	let states: Record<string, StateConfig> | undefined = definition.states;
	let state: StateConfig | undefined;
	for (const part of path.split('.')) {
		state = states?.[part];
		if (!state) return undefined;
		states = state.states;
	}
	return state;
}

/** The children map of a parent path (`''` is the machine). */
export function childStates(definition: Definition, parent: string): Record<string, StateConfig> {
	if (!parent) return definition.states;
	return getState(definition, parent)?.states ?? {};
}

function mapStates(
	states: Record<string, StateConfig>,
	parts: string[],
	update: (states: Record<string, StateConfig>) => Record<string, StateConfig>
): Record<string, StateConfig> {
	if (parts.length === 0) return update(states);
	const [head, ...rest] = parts as [string, ...string[]];
	const state = states[head];
	if (!state) return states;
	return { ...states, [head]: { ...state, states: mapStates(state.states ?? {}, rest, update) } };
}

/** Replaces the children map of a parent path, copying only the spine. */
export function updateChildren(
	definition: Definition,
	parent: string,
	update: (states: Record<string, StateConfig>) => Record<string, StateConfig>
): Definition {
	const parts = parent ? parent.split('.') : [];
	return { ...definition, states: mapStates(definition.states, parts, update) };
}

/** Replaces one state (the updater gets and returns the whole config). */
export function updateState(
	definition: Definition,
	path: string,
	update: (state: StateConfig) => StateConfig
): Definition {
	const key = keyOf(path);
	return updateChildren(definition, parentOf(path), (states) => {
		const state = states[key];
		if (!state) return states;
		return { ...states, [key]: update(state) };
	});
}

/** A key not used among the given ones: `review`, `review2`, … */
export function uniqueKey(base: string, taken: Iterable<string>): string {
	const used = new Set(taken);
	const clean = base.replace(/[^A-Za-z0-9_]/g, '') || 'state';
	if (!used.has(clean)) return clean;
	for (let i = 2; ; i += 1) if (!used.has(`${clean}${i}`)) return `${clean}${i}`;
}
