/**
 * One goal's page: where it sits in the cascade, its key results, the bound metric's trend
 * with pace and forecast, alerts, who it supports across departments, and its change history.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TrendAlert } from '../../domain/analytics';
import type { KeyResultProgress } from '../../domain/progress';
import { supportLinks, type SupportLinks } from '../../components/goals/tree';
import type { CascadeGoal } from '../../components/goals/types';
import { transaction } from '../domain/db';
import { goalHistory, goalReport, listGoals } from '../domain/goals/read';
import { AppError } from '../runtime/errors';
import type { Actor } from '../policy/types';
import { loadOrgFacts, toCascadeGoal, type OrgFacts } from './org';
import { readableGoals } from './visibility';
import { feedbackMarkers } from './feedback';
import { keyResultTrend, type KeyResultTrend } from './trend';

export type HistoryEntry = {
	id: string;
	kind: string;
	actorName: string | null;
	reason: string;
	before: unknown;
	after: unknown;
	at: string;
};

export type GoalDetailView = {
	goal: CascadeGoal;
	ancestors: CascadeGoal[];
	children: CascadeGoal[];
	links: SupportLinks;
	measured: KeyResultProgress | null;
	pace: number | null;
	lag: number;
	alerts: TrendAlert[];
	trend: KeyResultTrend | null;
	history: HistoryEntry[];
	today: string;
};

/** Who an account is, for the history ("Gao Yuan", or the e-mail when not an employee). */
export async function accountNames(
	em: EntityManager,
	orgId: string,
	ids: readonly string[]
): Promise<Map<string, string>> {
	if (ids.length === 0) return new Map();
	const rows = await transaction(em, (db) =>
		db.query<{ id: string; label: string }>(
			`select a.id, coalesce(e.name, a.email) as label from user_account a
			   left join employee e on e.id = a.employee_id
			  where a.organisation_id = $1 and a.id = any($2::uuid[])`,
			[orgId, ids]
		)
	);
	return new Map(rows.map((r) => [r.id, r.label]));
}

function ancestorsOf(goals: readonly CascadeGoal[], goal: CascadeGoal): CascadeGoal[] {
	const byId = new Map(goals.map((g) => [g.id, g]));
	const chain: CascadeGoal[] = [];
	const seen = new Set([goal.id]);
	let parent = goal.parentId ? byId.get(goal.parentId) : undefined;
	while (parent && !seen.has(parent.id)) {
		chain.unshift(parent);
		seen.add(parent.id);
		parent = parent.parentId ? byId.get(parent.parentId) : undefined;
	}
	return chain;
}

export async function goalDetailView(
	em: EntityManager,
	orgId: string,
	goalId: string,
	now: Date,
	actor: Actor,
	facts?: OrgFacts
): Promise<GoalDetailView> {
	const report = await goalReport(em, orgId, goalId, now);
	const readable = await readableGoals(
		em,
		actor,
		await listGoals(em, orgId, { includeArchived: true })
	);
	// A private goal the actor may not read does not exist for them.
	if (!readable.some((g) => g.id === goalId)) throw AppError.notFound('goal', goalId);
	const org = facts ?? (await loadOrgFacts(em, orgId));
	const all = readable.map((g) => toCascadeGoal(g, org));
	const goal = all.find((g) => g.id === goalId) ?? toCascadeGoal(report.goal, org);
	const today = now.toISOString().slice(0, 10);
	const trend = await keyResultTrend(em, orgId, report, today);
	if (trend) trend.model.events = await feedbackMarkers(em, orgId, actor, report.goal, trend.model);
	const changes = await goalHistory(em, orgId, goalId);
	const names = await accountNames(em, orgId, [
		...new Set(changes.map((c) => c.actorId).filter((id): id is string => !!id))
	]);
	return {
		goal,
		ancestors: ancestorsOf(all, goal),
		children: all.filter((g) => g.parentId === goalId),
		links: supportLinks(all, goalId),
		measured: report.measured,
		pace: trend ? trend.pace : report.pace,
		lag: trend ? (trend.pace ?? 0) - report.goal.progress : report.lag,
		alerts: report.alerts,
		trend,
		history: changes
			.map((c) => ({
				id: c.id,
				kind: c.kind,
				actorName: c.actorId ? (names.get(c.actorId) ?? null) : null,
				reason: c.reason,
				before: c.before,
				after: c.after,
				at: c.at
			}))
			.reverse(),
		today
	};
}
