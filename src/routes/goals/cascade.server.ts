import type { RequestEvent } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requireSession } from '$lib/server/auth/handle';
import { cascadeView } from '$lib/server/goal-views';

/** The four cascade views load the same goals: goals are visible across departments. */
export function loadCascade(event: RequestEvent) {
	const { actor } = requireSession(event);
	const { orm, orgId, clock } = getApp();
	const includeArchived = event.url.searchParams.get('archived') === '1';
	return cascadeView(orm.em.fork(), orgId, { actor, now: clock.now(), includeArchived });
}
