import { getApp } from '$lib/server/app';
import { requireSession } from '$lib/server/auth/handle';
import { insightsView } from '$lib/server/goal-views';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { actor } = requireSession(event);
	const { orm, orgId, clock } = getApp();
	return { insights: await insightsView(orm.em.fork(), orgId, clock.now(), actor) };
};
