import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { importDraft } from '$lib/server/designer';
import type { RequestHandler } from './$types';

/** Imports a workflow file or an XState config as a draft; an invalid file saves nothing. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const body = (await request.json().catch(() => ({}))) as { text?: unknown };
	const { orm, orgId, registry, clock } = getApp();
	const result = await importDraft({
		em: orm.em.fork(),
		orgId,
		text: typeof body.text === 'string' ? body.text : '',
		registry,
		actorId: locals.actor?.accountId ?? null,
		now: clock.now()
	});
	return json(result, { status: result.ok ? 200 : 422 });
};
