/** The whole visible cascade, for the list, board, mind map and timeline. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CascadeGoal } from '../../components/goals/types';
import { listGoals } from '../domain/goals/read';
import type { Actor } from '../policy/types';
import { loadOrgFacts, toCascadeGoal } from './org';
import { readableGoals } from './visibility';

export type CascadeView = { goals: CascadeGoal[]; today: string };

export async function cascadeView(
	em: EntityManager,
	orgId: string,
	options: { actor: Actor; now: Date; includeArchived?: boolean }
): Promise<CascadeView> {
	const [goals, facts] = await Promise.all([
		listGoals(em, orgId, { includeArchived: options.includeArchived ?? false }),
		loadOrgFacts(em, orgId)
	]);
	return {
		goals: (await readableGoals(em, options.actor, goals)).map((g) => toCascadeGoal(g, facts)),
		today: options.now.toISOString().slice(0, 10)
	};
}
