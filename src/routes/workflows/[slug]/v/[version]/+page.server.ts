import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { getDefinitionVersion, listDefinitions } from '$lib/server/definitions/service';
import { isAppError } from '$lib/server/runtime/errors';
import { m } from '$lib/paraglide/messages.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const version = Number(params.version);
	if (!Number.isSafeInteger(version) || version < 1) error(404, m.error_version_not_found());
	const { orm, orgId } = getApp();
	try {
		// The version and its siblings (for the version switcher) in one round of queries.
		const [definition, definitions] = await Promise.all([
			getDefinitionVersion(orm.em.fork(), orgId, params.slug, version),
			listDefinitions(orm.em.fork(), orgId)
		]);
		const versions = definitions.find((d) => d.slug === params.slug)?.versions ?? [];
		return { definition, versions };
	} catch (err) {
		if (isAppError(err) && err.code === 'not_found') error(404, m.error_version_not_found());
		throw err;
	}
};
