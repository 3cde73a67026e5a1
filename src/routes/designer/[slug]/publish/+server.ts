import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { publishDefinition } from '$lib/server/designer';
import type { RequestHandler } from './$types';

/** Publishes the draft as a new immutable version; 422 with the problems while errors remain. */
export const POST: RequestHandler = async ({ params, request }) => {
	const body = (await request.json().catch(() => ({}))) as { content?: unknown; note?: unknown };
	const { orm, orgId, registry, clock } = getApp();
	const content =
		body.content && typeof body.content === 'object'
			? (body.content as Record<string, unknown>)
			: {};
	const result = await publishDefinition({
		em: orm.em.fork(),
		orgId,
		slug: params.slug,
		content,
		note: typeof body.note === 'string' ? body.note : '',
		registry,
		now: clock.now()
	});
	return json(result, { status: result.ok ? 200 : 422 });
};
