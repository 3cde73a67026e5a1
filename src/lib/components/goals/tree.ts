/**
 * Shaping the cascade for the views: a tree (list, mind map), rows with depth (list, timeline),
 * objectives with their key results by department (OKR board) and the "supports" links both
 * ways. Pure.
 */
import type { CascadeGoal, NameText } from './types';

export type GoalNode = { goal: CascadeGoal; depth: number; children: GoalNode[] };

/** The goals as a forest, children in input order. A goal whose parent is not visible becomes a root. */
export function buildTree(goals: readonly CascadeGoal[]): GoalNode[] {
	const byId = new Map(goals.map((g) => [g.id, g]));
	const nodes = new Map<string, GoalNode>();
	for (const goal of goals) nodes.set(goal.id, { goal, depth: 0, children: [] });
	const roots: GoalNode[] = [];
	for (const goal of goals) {
		const node = nodes.get(goal.id) as GoalNode;
		const parent = goal.parentId && byId.has(goal.parentId) ? nodes.get(goal.parentId) : null;
		if (parent && parent !== node) parent.children.push(node);
		else roots.push(node);
	}
	const setDepth = (node: GoalNode, depth: number, seen: Set<string>) => {
		if (seen.has(node.goal.id)) return;
		seen.add(node.goal.id);
		node.depth = depth;
		for (const child of node.children) setDepth(child, depth + 1, seen);
	};
	const seen = new Set<string>();
	for (const root of roots) setDepth(root, 0, seen);
	return roots;
}

/** Depth-first rows: parent before its children. */
export function flattenTree(roots: readonly GoalNode[]): GoalNode[] {
	const rows: GoalNode[] = [];
	const visit = (node: GoalNode) => {
		rows.push(node);
		node.children.forEach(visit);
	};
	roots.forEach(visit);
	return rows;
}

export type BoardCard = { objective: CascadeGoal; keyResults: CascadeGoal[] };
export type BoardColumn = {
	id: string;
	name: NameText | null;
	isCompany: boolean;
	cards: BoardCard[];
};

/**
 * Objectives as cards with their key results, one column per department; company objectives
 * first. Columns keep the order their first objective appears in.
 */
export function boardColumns(goals: readonly CascadeGoal[]): BoardColumn[] {
	const columns = new Map<string, BoardColumn>();
	const cards = new Map<string, BoardCard>();
	for (const goal of goals) {
		if (goal.kind !== 'objective') continue;
		const isCompany = goal.owner.level === 'company';
		const id = isCompany ? 'company' : (goal.owner.departmentId ?? goal.owner.id);
		let column = columns.get(id);
		if (!column) {
			column = {
				id,
				name: isCompany ? null : (goal.owner.departmentName ?? goal.owner.name),
				isCompany,
				cards: []
			};
			columns.set(id, column);
		}
		const card = { objective: goal, keyResults: [] };
		column.cards.push(card);
		cards.set(goal.id, card);
	}
	for (const goal of goals) {
		if (goal.kind !== 'key_result' || !goal.parentId) continue;
		cards.get(goal.parentId)?.keyResults.push(goal);
	}
	return [...columns.values()].sort((a, b) => Number(b.isCompany) - Number(a.isCompany));
}

export type SupportLinks = { supports: CascadeGoal[]; supportedBy: CascadeGoal[] };

/** What `goalId` contributes to, and who contributes to it (across departments). */
export function supportLinks(goals: readonly CascadeGoal[], goalId: string): SupportLinks {
	const byId = new Map(goals.map((g) => [g.id, g]));
	const goal = byId.get(goalId);
	return {
		supports: (goal?.supports ?? []).flatMap((id) => {
			const target = byId.get(id);
			return target ? [target] : [];
		}),
		supportedBy: goals.filter((g) => g.supports.includes(goalId))
	};
}

/** Ids of `goalId` and everything below it: the goals it may not be moved under. */
export function subtreeIds(goals: readonly CascadeGoal[], goalId: string): Set<string> {
	const ids = new Set([goalId]);
	let grew = true;
	while (grew) {
		grew = false;
		for (const g of goals) {
			if (g.parentId && ids.has(g.parentId) && !ids.has(g.id)) {
				ids.add(g.id);
				grew = true;
			}
		}
	}
	return ids;
}
