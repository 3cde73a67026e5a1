/**
 * Changes to goals as pure functions. Each returns the new goal and a {@link GoalChange}
 * record (who, when, why, before, after) for the audit trail; nothing is mutated. Refusals are
 * {@link Result} failures with a path and a code the UI can translate.
 */
import {
	buildGoalIndex,
	goalDescendants,
	validateGoal,
	type Goal,
	type GoalIndex,
	type GoalStatus
} from './goals';
import type { IsoDate } from './dates';
import { fail, ok, type DomainIssue, type Result } from './result';

export const GOAL_CHANGE_KINDS = [
	'retarget',
	'reweight',
	'reparent',
	'archive',
	'relink',
	'status',
	'progress'
] as const;
export type GoalChangeKind = (typeof GOAL_CHANGE_KINDS)[number];

/** Who changes a goal, when (ISO-8601 instant) and why. */
export interface ChangeContext {
	readonly who: string;
	readonly at: string;
	readonly why: string;
}

/** One audit-trail entry: only the fields that changed, before and after. */
export interface GoalChange extends ChangeContext {
	readonly goalId: string;
	readonly kind: GoalChangeKind;
	readonly before: Readonly<Partial<Goal>>;
	readonly after: Readonly<Partial<Goal>>;
}

/** A successful change: the new goal and its audit record. */
export interface GoalChangeResult {
	readonly goal: Goal;
	readonly change: GoalChange;
}

function record(
	kind: GoalChangeKind,
	before: Goal,
	after: Goal,
	fields: readonly (keyof Goal)[],
	context: ChangeContext
): Result<GoalChangeResult> {
	const issues: DomainIssue[] = validateGoal(after);
	if (issues.length > 0) return { ok: false, issues };
	const pick = (goal: Goal): Partial<Goal> =>
		Object.fromEntries(fields.map((field) => [field, goal[field]])) as Partial<Goal>;
	return ok({
		goal: after,
		change: { ...context, goalId: before.id, kind, before: pick(before), after: pick(after) }
	});
}

function refuseArchived(goal: Goal): Result<never> | null {
	if (goal.status !== 'archived') return null;
	return fail({
		code: 'goal.archived',
		path: `goals.${goal.id}.status`,
		message: 'An archived goal cannot be changed',
		params: { goal: goal.id }
	});
}

/** New dates and/or a new metric target for a key result. */
export interface RetargetInput {
	readonly startDate?: IsoDate;
	readonly dueDate?: IsoDate;
	/** New metric target (key results with a metric only). */
	readonly target?: number;
}

/** Moves a goal's dates and/or its key-result target. */
export function retargetGoal(
	goal: Goal,
	input: RetargetInput,
	context: ChangeContext
): Result<GoalChangeResult> {
	const refused = refuseArchived(goal);
	if (refused) return refused;
	if (input.target !== undefined && !goal.metric && !goal.manual) {
		return fail({
			code: 'goal.no_metric',
			path: `goals.${goal.id}.metric.target`,
			message: 'Only a key result (bound to a metric or measured by hand) has a target',
			params: { goal: goal.id }
		});
	}
	const fields: (keyof Goal)[] = [];
	if (input.startDate !== undefined) fields.push('startDate');
	if (input.dueDate !== undefined) fields.push('dueDate');
	if (input.target !== undefined) fields.push(goal.metric ? 'metric' : 'manual');
	const retarget = <T extends { target: number }>(measure: T | undefined): T | undefined =>
		measure && input.target !== undefined ? { ...measure, target: input.target } : measure;
	const after: Goal = {
		...goal,
		startDate: input.startDate ?? goal.startDate,
		dueDate: input.dueDate ?? goal.dueDate,
		metric: retarget(goal.metric),
		manual: retarget(goal.manual)
	};
	return record('retarget', goal, after, fields, context);
}

/**
 * Records the current value of a key result measured by hand. Refused for objectives, for key
 * results bound to a metric (their progress comes from the data), for archived goals and for
 * a value that is not a finite number.
 */
export function recordProgress(
	goal: Goal,
	value: number,
	context: ChangeContext
): Result<GoalChangeResult> {
	const refused = refuseArchived(goal);
	if (refused) return refused;
	const path = `goals.${goal.id}.value`;
	const params = { goal: goal.id };
	if (goal.metric) {
		return fail({
			code: 'goal.measured_by_metric',
			path,
			message: 'This key result is measured from metric data; its progress cannot be typed in',
			params
		});
	}
	if (goal.kind !== 'key_result' || !goal.manual) {
		return fail({
			code: 'goal.not_manual',
			path,
			message: 'Only a key result with a target and no metric takes a recorded value',
			params
		});
	}
	if (!Number.isFinite(value)) {
		return fail({
			code: 'goal.value_not_number',
			path,
			message: 'The value is not a number',
			params
		});
	}
	return record(
		'progress',
		goal,
		{ ...goal, manual: { ...goal.manual, current: value } },
		['manual'],
		context
	);
}

/** Changes a goal's weight among its siblings. */
export function reweightGoal(
	goal: Goal,
	weight: number,
	context: ChangeContext
): Result<GoalChangeResult> {
	const refused = refuseArchived(goal);
	if (refused) return refused;
	return record('reweight', goal, { ...goal, weight }, ['weight'], context);
}

/**
 * Moves a goal under a new parent (or to the root with `null`). Refused when the new parent is
 * the goal itself or one of its descendants (the tree would become a cycle), is unknown, is a
 * key result, or is archived.
 */
export function reparentGoal(
	goals: GoalIndex | readonly Goal[],
	goalId: string,
	newParentId: string | null,
	context: ChangeContext
): Result<GoalChangeResult> {
	const index = Array.isArray(goals)
		? buildGoalIndex(goals as readonly Goal[])
		: (goals as GoalIndex);
	const goal = index.byId.get(goalId);
	const path = `goals.${goalId}.parentId`;
	if (!goal) {
		return fail({
			code: 'goal.unknown',
			path: `goals.${goalId}`,
			message: `Unknown goal ${goalId}`,
			params: { goal: goalId }
		});
	}
	const refused = refuseArchived(goal);
	if (refused) return refused;
	if (newParentId !== null) {
		const parent = index.byId.get(newParentId);
		const params = { goal: goalId, parent: newParentId };
		if (!parent) {
			return fail({
				code: 'goal.unknown_parent',
				path,
				message: `Unknown parent ${newParentId}`,
				params
			});
		}
		if (newParentId === goalId) {
			return fail({
				code: 'goal.parent_is_self',
				path,
				message: 'A goal cannot be its own parent',
				params
			});
		}
		if (goalDescendants(index, goalId).has(newParentId)) {
			return fail({
				code: 'goal.parent_is_descendant',
				path,
				message: `Cannot move ${goalId} under ${newParentId}: it is one of its own descendants`,
				params
			});
		}
		if (parent.kind === 'key_result') {
			return fail({
				code: 'goal.parent_is_key_result',
				path,
				message: 'A key result cannot have children',
				params
			});
		}
		if (parent.status === 'archived') {
			return fail({
				code: 'goal.parent_archived',
				path,
				message: 'Cannot move a goal under an archived goal',
				params
			});
		}
	} else if (goal.kind === 'key_result') {
		return fail({
			code: 'goal.orphan_key_result',
			path,
			message: 'A key result needs an objective',
			params: { goal: goalId }
		});
	}
	return record('reparent', goal, { ...goal, parentId: newParentId }, ['parentId'], context);
}

/**
 * Archives a goal. Its descendants are not touched here: an archived goal drops out of its
 * parent's roll-up together with its subtree, and the caller decides whether to re-parent the
 * children (the strategy-change story re-aligns them to the replacement objective).
 */
export function archiveGoal(goal: Goal, context: ChangeContext): Result<GoalChangeResult> {
	const refused = refuseArchived(goal);
	if (refused) return refused;
	return record('archive', goal, { ...goal, status: 'archived' }, ['status'], context);
}

/** Replaces a goal's "supports" links (cross-department alignment). */
export function relinkGoal(
	goals: GoalIndex,
	goalId: string,
	supports: readonly string[],
	context: ChangeContext
): Result<GoalChangeResult> {
	const goal = goals.byId.get(goalId);
	if (!goal) {
		return fail({
			code: 'goal.unknown',
			path: `goals.${goalId}`,
			message: `Unknown goal ${goalId}`,
			params: { goal: goalId }
		});
	}
	const issues: DomainIssue[] = [];
	supports.forEach((target, i) => {
		const path = `goals.${goalId}.supports.${i}`;
		if (target === goalId)
			issues.push({
				code: 'goal.supports_itself',
				path,
				message: 'A goal cannot support itself',
				params: { goal: goalId }
			});
		else if (!goals.byId.has(target))
			issues.push({
				code: 'goal.unknown_supported',
				path,
				message: `Unknown goal ${target}`,
				params: { goal: goalId, target }
			});
	});
	if (issues.length > 0) return { ok: false, issues };
	return record(
		'relink',
		goal,
		{ ...goal, supports: [...new Set(supports)] },
		['supports'],
		context
	);
}

/**
 * Status moves a goal may make: submitted for approval, approved or returned, completed,
 * reopened. Archiving has its own function; an archived goal stays archived.
 */
export const GOAL_STATUS_TRANSITIONS: Readonly<Record<GoalStatus, readonly GoalStatus[]>> = {
	draft: ['awaiting_approval', 'active'],
	awaiting_approval: ['active', 'draft'],
	active: ['done', 'draft'],
	done: ['active'],
	archived: []
};

/**
 * Moves a goal to another status along {@link GOAL_STATUS_TRANSITIONS}. `draft → active`
 * is allowed for goals set top-down (a company objective HR activates without approval).
 */
export function changeGoalStatus(
	goal: Goal,
	status: Exclude<GoalStatus, 'archived'>,
	context: ChangeContext
): Result<GoalChangeResult> {
	const refused = refuseArchived(goal);
	if (refused) return refused;
	if (!GOAL_STATUS_TRANSITIONS[goal.status].includes(status)) {
		return fail({
			code: 'goal.bad_status_transition',
			path: `goals.${goal.id}.status`,
			message: `A goal cannot go from ${goal.status} to ${status}`,
			params: { goal: goal.id, from: goal.status, to: status }
		});
	}
	return record('status', goal, { ...goal, status }, ['status'], context);
}
