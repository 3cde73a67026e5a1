import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requireSession } from '$lib/server/auth/handle';
import { goalDetailView } from '$lib/server/goal-views';
import { isAppError } from '$lib/server/runtime/errors';
import { m } from '$lib/paraglide/messages.js';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
	const { actor } = requireSession(event);
	if (!UUID.test(event.params.id)) error(404, m.goals_not_found());
	const { orm, orgId, clock } = getApp();
	try {
		return {
			detail: await goalDetailView(orm.em.fork(), orgId, event.params.id, clock.now(), actor)
		};
	} catch (err) {
		if (isAppError(err) && err.code === 'not_found') error(404, m.goals_not_found());
		throw err;
	}
};
