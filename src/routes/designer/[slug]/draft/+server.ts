import { error, json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { discardDraft, saveDraft } from '$lib/server/designer';
import type { RequestHandler } from './$types';

/** Autosave: stores the working copy; versions are never touched. */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const body = (await request.json().catch(() => null)) as {
		content?: unknown;
		baseVersion?: unknown;
	} | null;
	const content = body?.content;
	if (!content || typeof content !== 'object' || Array.isArray(content))
		error(400, 'content is required');
	if ((content as { id?: unknown }).id !== params.slug)
		error(400, 'the definition id cannot change');
	const { orm, orgId, clock } = getApp();
	const draft = await saveDraft({
		em: orm.em.fork(),
		orgId,
		slug: params.slug,
		content: content as Record<string, unknown>,
		baseVersion: typeof body?.baseVersion === 'number' ? body.baseVersion : null,
		actorId: locals.actor?.accountId ?? null,
		now: clock.now()
	});
	return json({ ok: true, updatedAt: draft.updatedAt });
};

export const DELETE: RequestHandler = async ({ params }) => {
	const { orm, orgId } = getApp();
	await discardDraft(orm.em.fork(), orgId, params.slug);
	return json({ ok: true });
};
