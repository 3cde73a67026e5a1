import type { StateValue } from 'xstate';
import { indexStates, type IndexedState } from './compile';
import type { Definition } from './definition';
import { canonical } from './diff';
import { parseIsoDuration } from './duration';
import { activePaths } from './effects';

/** Old state path → new state path (`null`: not mapped yet). */
export type StateMapping = Record<string, string | null>;

export type MigrationPlan = {
	mapping: StateMapping;
	/** Old states that still need a target (the designer resolves them). */
	unresolved: string[];
};

/** A pending timer of an instance, as the runtime keeps it. */
export type PendingTimer = { timerKey: string; dueAt: number };

export type MigrationInstance = {
	id: string;
	status: string;
	/** The persisted snapshot's state value. */
	value: StateValue;
	timers?: readonly PendingTimer[];
};

export type TimerMove =
	| { action: 'keep'; fromKey: string; timerKey: string; event: { type: string }; dueAt: number }
	| { action: 'cancel'; timerKey: string }
	| { action: 'start'; timerKey: string; event: { type: string }; dueAt: number };

export type TaskMove =
	| { action: 'rekey'; from: string; to: string }
	| { action: 'cancel'; taskKey: string }
	| { action: 'open'; statePath: string };

export type BlockReason =
	'not_running' | 'unmapped_state' | 'unknown_target' | 'conflicting_targets';

/** Whether one instance can move under a plan, and what moving it does. */
export type MoveCheck =
	| {
			id: string;
			canMove: true;
			from: string[];
			to: string[];
			value: StateValue;
			timers: TimerMove[];
			tasks: TaskMove[];
	  }
	| { id: string; canMove: false; reason: BlockReason; states: string[]; message: string };

const parentOf = (path: string) => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '');

function childrenOf(path: string, states: ReadonlyMap<string, IndexedState>): string[] {
	return [...states.keys()].filter((p) => parentOf(p) === path && p !== path);
}

/** The leaves of a set of active paths (paths with no active child). */
export function leavesOf(paths: readonly string[]): string[] {
	return paths.filter((p) => !paths.some((q) => q.startsWith(`${p}.`)));
}

/**
 * The automatic plan: every old state whose path exists in the new version maps to it; the
 * rest stay unresolved. `overrides` (the designer's choices) win.
 */
export function planMigration(
	before: Definition,
	after: Definition,
	overrides: StateMapping = {}
): MigrationPlan {
	const a = indexStates(before.states);
	const b = indexStates(after.states);
	const mapping: StateMapping = {};
	for (const path of a.keys()) mapping[path] = b.has(path) ? path : null;
	for (const [path, target] of Object.entries(overrides)) if (a.has(path)) mapping[path] = target;
	const unresolved = Object.entries(mapping)
		.filter(([, target]) => target === null)
		.map(([path]) => path);
	return { mapping, unresolved };
}

/** Enters a state the way XState does: compound → its initial child, parallel → all regions. */
function enter(path: string, states: ReadonlyMap<string, IndexedState>): string[] {
	const state = states.get(path);
	const children = childrenOf(path, states);
	if (!state || children.length === 0) return [path];
	if (state.config.type === 'parallel') return children.flatMap((c) => enter(c, states));
	const initial = state.config.initial ? `${path}.${state.config.initial}` : children[0];
	return initial && states.has(initial) ? enter(initial, states) : [path];
}

/** Fills the regions of parallel ancestors that no leaf is in with their initial states. */
function completeParallel(leaves: string[], states: ReadonlyMap<string, IndexedState>): string[] {
	const out = [...leaves];
	for (let changed = true; changed;) {
		changed = false;
		const active = new Set(out.flatMap((leaf) => ancestorsAndSelf(leaf)));
		for (const path of active) {
			if (states.get(path)?.config.type !== 'parallel') continue;
			for (const region of childrenOf(path, states)) {
				if (!active.has(region)) {
					out.push(...enter(region, states));
					changed = true;
				}
			}
			if (changed) break;
		}
	}
	return [...new Set(out)];
}

function ancestorsAndSelf(path: string): string[] {
	const out: string[] = [];
	for (let p = path; p; p = parentOf(p)) out.push(p);
	return out;
}

/** Two leaves in different children of one non-parallel state cannot both be active. */
function conflicts(leaves: readonly string[], states: ReadonlyMap<string, IndexedState>): string[] {
	const activeChild = new Map<string, string>();
	const clashing = new Set<string>();
	for (const leaf of leaves) {
		for (const path of ancestorsAndSelf(leaf)) {
			const parent = parentOf(path);
			if (states.get(parent)?.config.type === 'parallel') continue;
			const seen = activeChild.get(parent);
			if (seen !== undefined && seen !== path) {
				clashing.add(seen);
				clashing.add(path);
			} else activeChild.set(parent, path);
		}
	}
	return [...clashing];
}

/** Builds an XState state value from leaf paths (`a.b` + `a.c` under parallel `a` → `{a:{b,c}}`). */
export function stateValueOf(leaves: readonly string[]): StateValue {
	type Tree = Map<string, Tree>;
	const root: Tree = new Map();
	for (const leaf of leaves) {
		let node = root;
		for (const part of leaf.split('.')) {
			const next = node.get(part) ?? new Map();
			node.set(part, next);
			node = next;
		}
	}
	const valueOf = (node: Tree): StateValue => {
		const [only] = node.keys();
		if (node.size === 1 && only !== undefined && node.get(only)?.size === 0) return only;
		return Object.fromEntries(
			[...node].map(([key, child]) => [key, child.size === 0 ? {} : valueOf(child)])
		) as StateValue;
	};
	return valueOf(root);
}

/** `xstate.after.<delay>.<machineId>.<path>`: the timer key XState gives an `after` transition. */
export function afterTimerKey(machineId: string, delay: string, path: string): string {
	return `xstate.after.${delay}.${machineId}.${path}`;
}

export function parseAfterTimerKey(
	key: string,
	machineId: string
): { delay: string; path: string } | undefined {
	const prefix = 'xstate.after.';
	if (!key.startsWith(prefix)) return undefined;
	const rest = key.slice(prefix.length);
	const at = rest.indexOf(`.${machineId}.`);
	if (at < 0) return undefined;
	return { delay: rest.slice(0, at), path: rest.slice(at + machineId.length + 2) };
}

export type DryRunOptions = {
	/** Epoch ms: timers that start anew are due `now + delay`. */
	now: number;
	/** Whether a node kind opens a human task (default: task and approval). */
	isTaskKind?: (kind: string | undefined) => boolean;
};

const defaultIsTask = (kind: string | undefined) => kind === 'task' || kind === 'approval';

function timerMoves(
	before: Definition,
	after: Definition,
	mapping: StateMapping,
	newActive: readonly string[],
	timers: readonly PendingTimer[],
	now: number,
	b: ReadonlyMap<string, IndexedState>
): TimerMove[] {
	const moves: TimerMove[] = [];
	const kept = new Set<string>();
	for (const timer of timers) {
		const parsed = parseAfterTimerKey(timer.timerKey, before.id);
		const target = parsed ? mapping[parsed.path] : null;
		const hasDelay =
			parsed &&
			target &&
			newActive.includes(target) &&
			b.get(target)?.config.after?.[parsed.delay] !== undefined;
		if (parsed && target && hasDelay) {
			const timerKey = afterTimerKey(after.id, parsed.delay, target);
			kept.add(timerKey);
			moves.push({
				action: 'keep',
				fromKey: timer.timerKey,
				timerKey,
				event: { type: timerKey },
				dueAt: timer.dueAt
			});
		} else moves.push({ action: 'cancel', timerKey: timer.timerKey });
	}
	for (const path of newActive) {
		for (const delay of Object.keys(b.get(path)?.config.after ?? {})) {
			const timerKey = afterTimerKey(after.id, delay, path);
			const ms = parseIsoDuration(delay);
			if (kept.has(timerKey) || ms === undefined) continue;
			moves.push({ action: 'start', timerKey, event: { type: timerKey }, dueAt: now + ms });
		}
	}
	return moves;
}

/**
 * Checks each instance against a plan without changing anything: which can move (with the new
 * state value, and what happens to its timers and tasks) and which cannot, and why. A timer
 * of a mapped state with the same delay keeps its due time; states newly entered start theirs.
 */
export function dryRunMigration(
	before: Definition,
	after: Definition,
	plan: MigrationPlan,
	instances: readonly MigrationInstance[],
	options: DryRunOptions
): MoveCheck[] {
	const a = indexStates(before.states);
	const b = indexStates(after.states);
	const isTask = options.isTaskKind ?? defaultIsTask;
	return instances.map((instance): MoveCheck => {
		const block = (reason: BlockReason, states: string[], message: string): MoveCheck => ({
			id: instance.id,
			canMove: false,
			reason,
			states,
			message
		});
		if (instance.status !== 'running')
			return block('not_running', [], `The instance is ${instance.status}`);
		const active = activePaths(instance.value);
		const from = leavesOf(active);
		const unmapped = from.filter((leaf) => !mapping(plan, leaf));
		if (unmapped.length)
			return block('unmapped_state', unmapped, `No new state for ${unmapped.join(', ')}`);
		const targets = from.map((leaf) => mapping(plan, leaf) as string);
		const unknown = targets.filter((t) => !b.has(t));
		if (unknown.length)
			return block(
				'unknown_target',
				unknown,
				`${unknown.join(', ')} is not a state of the new version`
			);
		const to = completeParallel(leavesOf([...new Set(targets.flatMap((t) => enter(t, b)))]), b);
		const clash = conflicts(to, b);
		if (clash.length)
			return block(
				'conflicting_targets',
				clash,
				`${clash.join(' and ')} cannot be active together`
			);
		const activeSet = new Set(to.flatMap(ancestorsAndSelf));
		const newActive = [...b.keys()].filter((p) => activeSet.has(p));
		const tasks: TaskMove[] = [];
		const oldTasks = active.filter((p) => isTask(a.get(p)?.kind));
		const rekeyed = new Set<string>();
		for (const path of oldTasks) {
			const target = plan.mapping[path];
			if (target && newActive.includes(target) && sameTask(a.get(path), b.get(target), isTask)) {
				tasks.push({ action: 'rekey', from: path, to: target });
				rekeyed.add(target);
			} else tasks.push({ action: 'cancel', taskKey: path });
		}
		for (const path of newActive) {
			if (isTask(b.get(path)?.kind) && !rekeyed.has(path))
				tasks.push({ action: 'open', statePath: path });
		}
		const timers = timerMoves(
			before,
			after,
			plan.mapping,
			newActive,
			instance.timers ?? [],
			options.now,
			b
		);
		return { id: instance.id, canMove: true, from, to, value: stateValueOf(to), timers, tasks };
	});
}

/**
 * A task carries over (re-keyed) when the new state asks for the same work: same kind and
 * parameters (assignee, form, title, due). Otherwise the old task closes and a new one opens.
 */
function sameTask(
	before: IndexedState | undefined,
	after: IndexedState | undefined,
	isTask: (kind: string | undefined) => boolean
): boolean {
	if (!before || !after || !isTask(after.kind) || before.kind !== after.kind) return false;
	return canonical(before.params) === canonical(after.params);
}

function mapping(plan: MigrationPlan, leaf: string): string | null | undefined {
	return plan.mapping[leaf];
}
