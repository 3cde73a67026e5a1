/**
 * The strategy-change story replayed through the goals service: mid-year the company
 * activates "retention 80%", re-aligns product's goals under it and archives "annual user
 * growth 50%". Each step is a `changeGoal` with who, when and why, so the goal history shows
 * the switch and the archived objective stays reachable with "show archived".
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Goal } from '../../domain/goals';
import { changeGoal, createGoal } from '../domain/goals/service';
import { refId } from './ids';

/** The day the switch is recorded on: the first of July of the goals' year (mid-year). */
export function strategyChangeDate(year: number, today: string): Date {
	const midYear = `${year}-07-01`;
	// A demo built before July still dates the change in the past (90 days back).
	const at =
		midYear < today ? midYear : new Date(Date.parse(today) - 90 * 86_400_000).toISOString();
	return new Date(`${at.slice(0, 10)}T09:00:00Z`);
}

const WHY =
	'The market changed: retention now matters more than raw growth (strategy review, mid-year)';

/** The goals the switch creates (drafts in the plan until the strategy review adopts them). */
export const RETENTION_GOAL_REFS: ReadonlySet<string> = new Set([
	'g-retention',
	'kr-retention',
	'kr-profit-per-user'
]);

/**
 * Applies the retention strategy as `actorId` (an account) on `at`: creates the retention
 * objective and its key results, re-parents product optimisation under it and archives user
 * growth. Returns the ids of the goals created (to measure them as of today).
 */
export async function seedStrategyChange(
	em: EntityManager,
	orgId: string,
	options: { goals: readonly Goal[]; actorId: string | null; label?: string; at: Date }
): Promise<string[]> {
	const id = (ref: string) => refId(orgId, ref);
	const actor = {
		actorId: options.actorId,
		...(options.label ? { label: options.label } : {}),
		reason: WHY,
		now: options.at
	};
	const created: string[] = [];
	for (const goal of options.goals.filter((g) => RETENTION_GOAL_REFS.has(g.id))) {
		const { metric, ...rest } = goal;
		await createGoal(
			em,
			orgId,
			{
				...rest,
				id: id(goal.id),
				parentId: goal.parentId ? id(goal.parentId) : null,
				owner: { kind: goal.owner.kind, id: id(goal.owner.id) },
				supports: goal.supports.map(id),
				status: 'active',
				...(metric
					? {
							metric: {
								...metric,
								...(metric.subjectId ? { subjectId: id(metric.subjectId) } : {})
							}
						}
					: {})
			},
			actor
		);
		created.push(id(goal.id));
	}
	await changeGoal(
		em,
		orgId,
		id('g-product-optimisation'),
		{ kind: 'reparent', parentId: id('g-retention') },
		actor
	);
	await changeGoal(em, orgId, id('g-user-growth'), { kind: 'archive' }, actor);
	return created;
}
