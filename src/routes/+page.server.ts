import { getApp } from '$lib/server/app';
import { listDefinitions } from '$lib/server/definitions/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { orm, orgId } = getApp();
	const definitions = await listDefinitions(orm.em.fork(), orgId);
	return {
		definitionCount: definitions.length,
		runningCount: definitions
			.flatMap((d) => d.versions)
			.reduce((sum, v) => sum + Number(v.runningInstances), 0)
	};
};
