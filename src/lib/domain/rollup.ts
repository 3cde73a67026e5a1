/**
 * Progress roll-up through the goal cascade. An objective's progress is the weighted mean of
 * its children's progress; archived children drop out; weights are normalised among the
 * remaining siblings, and when they sum to zero every child counts equally. Leaves (key
 * results, and objectives without countable children) take their progress from the caller.
 */
import { goalAncestors, type GoalIndex } from './goals';

/** Progress (0–100) by goal id. */
export type ProgressMap = ReadonlyMap<string, number>;

function countableChildren(index: GoalIndex, goalId: string): string[] {
	return (index.childrenOf.get(goalId) ?? []).filter(
		(id) => index.byId.get(id)?.status !== 'archived'
	);
}

/**
 * Progress of one objective from its children's current values. Returns the leaf value (or 0)
 * when it has no countable children.
 */
export function objectiveProgress(
	index: GoalIndex,
	goalId: string,
	values: ProgressMap,
	leafProgress: ProgressMap = values
): number {
	const children = countableChildren(index, goalId);
	if (children.length === 0) return leafProgress.get(goalId) ?? 0;
	const weights = children.map((id) => Math.max(0, index.byId.get(id)?.weight ?? 0));
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	let result = 0;
	children.forEach((id, i) => {
		const share = total > 0 ? (weights[i] ?? 0) / total : 1 / children.length;
		result += share * (values.get(id) ?? 0);
	});
	return result;
}

/**
 * Rolls progress up the whole tree. `leafProgress` holds key-result progress (from
 * {@link keyResultProgress}) and any manually tracked leaf objective. Returns a value for
 * every goal in the index; archived goals get their own subtree's value but do not count for
 * their parent. Iterative (no recursion), so deep trees are safe.
 */
export function rollUpProgress(index: GoalIndex, leafProgress: ProgressMap): Map<string, number> {
	const result = new Map<string, number>();
	const order: string[] = [];
	const stack = [...index.roots];
	const seen = new Set<string>();
	for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
		if (seen.has(id)) continue;
		seen.add(id);
		order.push(id);
		for (const child of index.childrenOf.get(id) ?? []) stack.push(child);
	}
	for (let i = order.length - 1; i >= 0; i--) {
		const id = order[i] as string;
		result.set(id, objectiveProgress(index, id, result, leafProgress));
	}
	return result;
}

/** What changed after an incremental roll-up. */
export interface RollUpDelta {
	/** Ids whose value changed, including the changed leaves themselves. */
	readonly changed: ReadonlySet<string>;
	/** The new values of the changed ids. */
	readonly values: ReadonlyMap<string, number>;
}

/**
 * Recomputes only the ancestors of changed leaves, deepest first, from the previous full
 * result `current`. A goal whose value moves by less than `epsilon` is not reported (and its
 * ancestors are not recomputed on its account).
 *
 * @example
 * const all = rollUpProgress(index, leaves);
 * const delta = rollUpIncrementally(index, all, new Map([['kr-zhang-san', 110]]));
 * // delta.changed: the KR, the sales objective, the department and company objectives
 */
export function rollUpIncrementally(
	index: GoalIndex,
	current: ProgressMap,
	changedLeaves: ProgressMap,
	epsilon = 1e-9
): RollUpDelta {
	const working = new Map(current);
	const changed = new Set<string>();
	const ancestors = new Map<string, number>();
	for (const [id, value] of changedLeaves) {
		if (!current.has(id) || Math.abs((current.get(id) ?? 0) - value) > epsilon) changed.add(id);
		working.set(id, value);
		const chain = goalAncestors(index, id);
		chain.forEach((ancestor, i) => ancestors.set(ancestor, chain.length - i));
	}
	// Deepest first (by depth in the tree), so every child is final before its parent.
	const ordered = [...ancestors.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
	for (const id of ordered) {
		if (!countableChildren(index, id).some((child) => changed.has(child))) continue;
		const value = objectiveProgress(index, id, working);
		if (Math.abs((current.get(id) ?? 0) - value) > epsilon) changed.add(id);
		working.set(id, value);
	}
	const values = new Map<string, number>();
	for (const id of changed) values.set(id, working.get(id) ?? 0);
	return { changed, values };
}
