import { error, redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { listDefinitions } from '$lib/server/definitions/service';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/** /workflows/<slug> shows the newest version. */
export const GET: RequestHandler = async ({ params }) => {
	const { orm, orgId } = getApp();
	const definitions = await listDefinitions(orm.em.fork(), orgId);
	const latest = definitions.find((d) => d.slug === params.slug)?.versions[0];
	if (!latest) error(404, m.error_workflow_not_found());
	redirect(307, `/workflows/${params.slug}/v/${latest.version}`);
};
