import { getApp } from '$lib/server/app';
import { listDefinitions } from '$lib/server/definitions/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { orm, orgId } = getApp();
	return { definitions: await listDefinitions(orm.em.fork(), orgId) };
};
