import { error, type RequestEvent } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requirePermission } from '$lib/server/auth/handle';
import { organisationTarget } from '$lib/server/policy/decide';
import type { Permission } from '$lib/server/policy/types';
import type { AdminActor } from '$lib/server/admin/actor';
import { isAppError } from '$lib/server/runtime/errors';

/**
 * The admin routes' common start: the app, a fresh EntityManager, and the admin after the
 * policy allowed `permission` for the organisation (refused and audited otherwise).
 */
export async function adminRequest(event: RequestEvent, permission: Permission) {
	const app = getApp();
	const em = app.orm.em.fork();
	const actor = await requirePermission(event, em, permission, organisationTarget(app.orgId));
	if (event.request.method === 'GET') event.setHeaders({ 'cache-control': 'no-store' });
	const admin: AdminActor = {
		accountId: actor.accountId,
		label: event.locals.session?.email ?? 'account',
		now: app.clock.now()
	};
	return { app, em, actor, admin, orgId: app.orgId };
}

/** A not-found from a server function becomes the 404 page; anything else stays a bug. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (err) {
		if (isAppError(err) && err.code === 'not_found') error(404, 'Not found');
		throw err;
	}
}
