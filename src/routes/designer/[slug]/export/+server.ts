import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { getDefinitionVersion } from '$lib/server/definitions/service';
import { getDraft, toXStateConfig } from '$lib/server/designer';
import { parseDefinition } from '$lib/engine/definition';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/** Downloads a version (`?v=N`) or the draft as the workflow file or as an XState config. */
export const GET: RequestHandler = async ({ params, url }) => {
	const { orm, orgId } = getApp();
	const em = orm.em.fork();
	const v = url.searchParams.get('v');
	const content = v
		? (
				await getDefinitionVersion(em, orgId, params.slug, Number(v)).catch(() =>
					error(404, m.designer_not_found())
				)
			).content
		: (await getDraft(em, orgId, params.slug))?.content;
	if (!content) error(404, m.designer_not_found());
	const parsed = parseDefinition(content);
	if (!parsed.ok) error(422, 'the stored definition does not parse');
	const isXState = url.searchParams.get('format') === 'xstate';
	const body = isXState ? toXStateConfig(parsed.value) : parsed.value;
	const suffix = v ? `-v${v}` : '-draft';
	const file = `${params.slug}${suffix}${isXState ? '.xstate.json' : '.workflow.json'}`;
	return new Response(`${JSON.stringify(body, null, '\t')}\n`, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${file}"`
		}
	});
};
