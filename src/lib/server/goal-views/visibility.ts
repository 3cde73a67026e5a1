/**
 * Which goals an actor may see: every goal marked visible (cross-department visibility is the
 * point), and private ones only where the policy allows it for the owner (own line, HR scope).
 * A private goal owned by a unit is for HR and admins.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, hasRole } from '../policy/decide';
import { loadPersonFacts } from '../policy/load';
import type { Actor } from '../policy/types';

type Owned = { id: string; visibility?: string; owner: { kind: string; id: string } };

export async function readableGoals<G extends Owned>(
	em: EntityManager,
	actor: Actor,
	goals: readonly G[]
): Promise<G[]> {
	const allowed = new Map<string, boolean>();
	for (const goal of goals) {
		if (goal.visibility !== 'private' || allowed.has(goal.owner.id)) continue;
		if (goal.owner.kind !== 'person') {
			allowed.set(goal.owner.id, hasRole(actor, 'hr') || hasRole(actor, 'admin'));
			continue;
		}
		const facts = await loadPersonFacts(em, actor.organisationId, goal.owner.id);
		allowed.set(
			goal.owner.id,
			!!facts &&
				authorize(actor, 'goal.read', { kind: 'person', ...facts, visibility: 'private' }).allowed
		);
	}
	return goals.filter((g) => g.visibility !== 'private' || allowed.get(g.owner.id) === true);
}
