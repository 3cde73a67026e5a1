/**
 * The goal tree. Objectives and key results form one tree that crosses owners: a company
 * objective's children may be department objectives owned by other units, whose children may
 * be personal ones. "Supports" links align goals across branches (marketing's registrations
 * KR supports product's feature objective) without changing the tree.
 */
import { compareDates, isIsoDate, type IsoDate } from './dates';
import type { KeyResultMetric } from './progress';
import { fromIssues, type DomainIssue, type LocalizedText, type Result } from './result';

export const GOAL_STATUSES = ['draft', 'awaiting_approval', 'active', 'done', 'archived'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const GOAL_KINDS = ['objective', 'key_result'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

/** Who is accountable: a person, or an org unit (company/department/team goals). */
export type GoalOwner =
	{ readonly kind: 'person'; readonly id: string } | { readonly kind: 'unit'; readonly id: string };

/** An objective or a key result. Key results are leaves and usually carry a metric binding. */
export interface Goal {
	readonly id: string;
	readonly kind: GoalKind;
	readonly title: LocalizedText;
	readonly owner: GoalOwner;
	readonly parentId: string | null;
	readonly startDate: IsoDate;
	readonly dueDate: IsoDate;
	/** Relative weight among its siblings (normalised at roll-up; need not sum to 100). */
	readonly weight: number;
	readonly status: GoalStatus;
	/** Ids of goals elsewhere in the tree that this goal contributes to. */
	readonly supports: readonly string[];
	/** Free category used by weighting schemes (e.g. `sales`, `new_users`). */
	readonly category?: string;
	/** For key results: how progress is measured from metric data. */
	readonly metric?: KeyResultMetric;
	/** For key results without a metric: a target its owner's line records progress against. */
	readonly manual?: ManualMeasure;
}

/** A key result measured by hand ("finish one course": 0 → 1), higher is better. */
export interface ManualMeasure {
	readonly baseline: number;
	readonly target: number;
	/** The last recorded value; null until someone records one. */
	readonly current: number | null;
}

/** Parent/children lookups over a goal list, built once with {@link buildGoalIndex}. */
export interface GoalIndex {
	readonly byId: ReadonlyMap<string, Goal>;
	readonly childrenOf: ReadonlyMap<string, readonly string[]>;
	readonly roots: readonly string[];
}

/** Indexes goals by id and by parent. Children keep input order. */
export function buildGoalIndex(goals: Iterable<Goal>): GoalIndex {
	const byId = new Map<string, Goal>();
	const childrenOf = new Map<string, string[]>();
	const roots: string[] = [];
	for (const goal of goals) {
		byId.set(goal.id, goal);
		if (goal.parentId === null) {
			roots.push(goal.id);
			continue;
		}
		const list = childrenOf.get(goal.parentId);
		if (list) list.push(goal.id);
		else childrenOf.set(goal.parentId, [goal.id]);
	}
	return { byId, childrenOf, roots };
}

/** Ids above `goalId`, nearest first. Stops on a cycle instead of looping. */
export function goalAncestors(index: GoalIndex, goalId: string): string[] {
	const chain: string[] = [];
	const seen = new Set([goalId]);
	let current = index.byId.get(goalId)?.parentId ?? null;
	while (current !== null && !seen.has(current)) {
		chain.push(current);
		seen.add(current);
		current = index.byId.get(current)?.parentId ?? null;
	}
	return chain;
}

/** Every id below `goalId` (not including it). */
export function goalDescendants(index: GoalIndex, goalId: string): Set<string> {
	const result = new Set<string>();
	const stack = [goalId];
	for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
		for (const child of index.childrenOf.get(id) ?? []) {
			if (result.has(child) || child === goalId) continue;
			result.add(child);
			stack.push(child);
		}
	}
	return result;
}

/** Goals whose `supports` list names `goalId` (who depends on it, across departments). */
export function supportersOf(goals: Iterable<Goal>, goalId: string): Goal[] {
	const result: Goal[] = [];
	for (const goal of goals) if (goal.supports.includes(goalId)) result.push(goal);
	return result;
}

function issue(
	code: string,
	goalId: string,
	field: string,
	message: string,
	params: Record<string, string | number> = {}
): DomainIssue {
	return { code, path: `goals.${goalId}.${field}`, message, params: { goal: goalId, ...params } };
}

/** Checks one goal on its own (dates, weight, key-result metric binding). */
export function validateGoal(goal: Goal): DomainIssue[] {
	const issues: DomainIssue[] = [];
	if (!isIsoDate(goal.startDate)) {
		issues.push(issue('goal.bad_date', goal.id, 'startDate', `Bad start date ${goal.startDate}`));
	}
	if (!isIsoDate(goal.dueDate)) {
		issues.push(issue('goal.bad_date', goal.id, 'dueDate', `Bad due date ${goal.dueDate}`));
	} else if (isIsoDate(goal.startDate) && compareDates(goal.dueDate, goal.startDate) < 0) {
		issues.push(
			issue('goal.due_before_start', goal.id, 'dueDate', 'The due date is before the start date', {
				startDate: goal.startDate,
				dueDate: goal.dueDate
			})
		);
	}
	if (!Number.isFinite(goal.weight) || goal.weight < 0) {
		issues.push(
			issue('goal.bad_weight', goal.id, 'weight', 'A weight is a number ≥ 0', {
				weight: goal.weight
			})
		);
	}
	if (goal.metric && goal.kind !== 'key_result') {
		issues.push(
			issue('goal.metric_on_objective', goal.id, 'metric', 'Only key results bind a metric')
		);
	}
	if (goal.manual && (goal.kind !== 'key_result' || goal.metric)) {
		issues.push(
			issue(
				'goal.manual_not_allowed',
				goal.id,
				'manual',
				'Only a key result without a metric is measured by hand'
			)
		);
	}
	if (goal.manual && goal.manual.target === goal.manual.baseline) {
		issues.push(
			issue('goal.target_equals_baseline', goal.id, 'manual.target', 'Target equals baseline', {
				target: goal.manual.target
			})
		);
	}
	if (goal.metric && goal.metric.target === goal.metric.baseline) {
		issues.push(
			issue('goal.target_equals_baseline', goal.id, 'metric.target', 'Target equals baseline', {
				target: goal.metric.target
			})
		);
	}
	return issues;
}

/**
 * Checks a whole goal tree: each goal on its own, unknown parents and supports, key results
 * under an objective and without children, no cycles, no goal supporting itself.
 */
export function validateGoalTree(goals: readonly Goal[]): Result<GoalIndex> {
	const index = buildGoalIndex(goals);
	const issues: DomainIssue[] = [];
	for (const goal of goals) {
		issues.push(...validateGoal(goal));
		if (goal.parentId !== null) {
			const parent = index.byId.get(goal.parentId);
			if (!parent) {
				issues.push(
					issue('goal.unknown_parent', goal.id, 'parentId', `Unknown parent ${goal.parentId}`, {
						parent: goal.parentId
					})
				);
			} else if (parent.kind === 'key_result') {
				issues.push(
					issue(
						'goal.parent_is_key_result',
						goal.id,
						'parentId',
						'A key result cannot have children',
						{
							parent: parent.id
						}
					)
				);
			}
		} else if (goal.kind === 'key_result') {
			issues.push(
				issue('goal.orphan_key_result', goal.id, 'parentId', 'A key result needs an objective')
			);
		}
		goal.supports.forEach((target, i) => {
			if (target === goal.id) {
				issues.push(
					issue('goal.supports_itself', goal.id, `supports.${i}`, 'A goal cannot support itself')
				);
			} else if (!index.byId.has(target)) {
				issues.push(
					issue('goal.unknown_supported', goal.id, `supports.${i}`, `Unknown goal ${target}`, {
						target
					})
				);
			}
		});
	}
	const reported = new Set<string>();
	for (const goal of goals) {
		if (reported.has(goal.id)) continue;
		const chain = [goal.id];
		let current = goal.parentId;
		while (current !== null && index.byId.has(current) && !chain.includes(current)) {
			chain.push(current);
			current = index.byId.get(current)?.parentId ?? null;
		}
		if (current !== null && chain.includes(current)) {
			const cycle = chain.slice(chain.indexOf(current));
			if (cycle.some((id) => reported.has(id))) continue;
			cycle.forEach((id) => reported.add(id));
			issues.push(
				issue('goal.cycle', current, 'parentId', `Goals form a cycle: ${cycle.join(' → ')}`, {
					cycle: cycle.join(',')
				})
			);
		}
	}
	return fromIssues(index, issues);
}
