/**
 * The goal endpoints' reads, with the policy applied: the list keeps only goals the actor may
 * read (visible ones for everyone, private ones for the owner's line and hr in scope), and one
 * goal's report is refused as the policy says.
 */
import type { GoalView } from '../domain/goals/read';
import { goalHistory, goalReport, listGoals, type GoalFilter } from '../domain/goals/read';
import { AppError } from '../runtime/errors';
import type { ApiContext } from './context';
import { filterByPolicy, ownerTarget } from './targets';

export type GoalNode = GoalView & { children: GoalNode[] };

/** The readable goals as a forest; a goal whose parent is hidden becomes a root. */
export function goalForest(goals: readonly GoalView[]): GoalNode[] {
	const nodes = new Map(goals.map((g) => [g.id, { ...g, children: [] as GoalNode[] }]));
	const roots: GoalNode[] = [];
	for (const node of nodes.values()) {
		const parent = node.parentId ? nodes.get(node.parentId) : undefined;
		if (parent) parent.children.push(node);
		else roots.push(node);
	}
	return roots;
}

export async function readableGoals(ctx: ApiContext, filter: GoalFilter): Promise<GoalView[]> {
	const goals = await listGoals(ctx.em, ctx.orgId, filter);
	return filterByPolicy(
		ctx.em,
		ctx.actor,
		'goal.read',
		goals,
		(g) => g.owner,
		(g) => g.visibility
	);
}

/** One goal with its report and history, after the policy allowed reading it. */
export async function readableGoal(ctx: ApiContext, goalId: string) {
	const report = await goalReport(ctx.em, ctx.orgId, goalId, ctx.now);
	const target = await ownerTarget(ctx.em, ctx.orgId, report.goal.owner, report.goal.visibility);
	if (!target) throw AppError.notFound('goal', goalId);
	await ctx.require('goal.read', target);
	return { ...report, history: await goalHistory(ctx.em, ctx.orgId, goalId) };
}

/** Refuses a write unless the actor may write goals of `owner` (unknown owner: 400 at `path`). */
export async function requireGoalWrite(
	ctx: ApiContext,
	owner: GoalView['owner'],
	path: string
): Promise<void> {
	const target = await ownerTarget(ctx.em, ctx.orgId, owner);
	if (!target) throw AppError.badRequest(`Unknown ${owner.kind} ${owner.id}`, path);
	await ctx.require('goal.write', target);
}
