/**
 * What every API route needs: the signed-in actor (the auth handle let the request through),
 * a request-scoped EntityManager, the organisation and the app's clock, and a change actor
 * for services that record who did what and why.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getApp } from '../app';
import { requirePermission, requireSession } from '../auth/handle';
import type { ChangeActor } from '../domain/audit';
import type { Actor, Permission, Target } from '../policy/types';

export type ApiContext = {
	actor: Actor;
	em: EntityManager;
	orgId: string;
	now: Date;
	/** Who makes a change (the account), with the reason given. */
	changeActor: (reason: string) => ChangeActor;
	/** The policy's decision for one target; refuses (403/404, audited) when not allowed. */
	require: (permission: Permission, target: Target) => Promise<Actor>;
};

export function apiContext(event: RequestEvent): ApiContext {
	const { actor, session } = requireSession(event);
	const app = getApp();
	const em = app.orm.em.fork();
	const now = app.clock.now();
	return {
		actor,
		em,
		orgId: actor.organisationId,
		now,
		changeActor: (reason) => ({ actorId: actor.accountId, label: session.email, reason, now }),
		require: (permission, target) => requirePermission(event, em, permission, target)
	};
}
