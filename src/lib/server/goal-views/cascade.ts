/** The whole visible cascade, for the list, board, mind map and timeline. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CascadeGoal } from '../../components/goals/types';
import { listGoals } from '../domain/goals/read';
import { loadOrgFacts, toCascadeGoal } from './org';

export type CascadeView = { goals: CascadeGoal[]; today: string };

export async function cascadeView(
	em: EntityManager,
	orgId: string,
	options: { now: Date; includeArchived?: boolean }
): Promise<CascadeView> {
	const [goals, facts] = await Promise.all([
		listGoals(em, orgId, { includeArchived: options.includeArchived ?? false }),
		loadOrgFacts(em, orgId)
	]);
	return {
		goals: goals.map((g) => toCascadeGoal(g, facts)),
		today: options.now.toISOString().slice(0, 10)
	};
}
