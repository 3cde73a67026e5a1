import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { getInstanceView } from '$lib/server/runtime';
import { isAppError } from '$lib/server/runtime/errors';
import { m } from '$lib/paraglide/messages.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const { orm, orgId, clock } = getApp();
	const now = clock.now();
	try {
		return {
			instance: await getInstanceView(orm.em.fork(), orgId, params.id, { now }),
			now: now.toISOString()
		};
	} catch (err) {
		if (isAppError(err) && err.code === 'not_found') error(404, m.error_instance_not_found());
		throw err;
	}
};
