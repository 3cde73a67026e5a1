import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { checkImport, saveDraft } from '$lib/server/designer';
import type { RequestHandler } from './$types';

/** Imports a workflow file or an XState config as a draft; an invalid file saves nothing. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const body = (await request.json().catch(() => ({}))) as { text?: unknown };
	const { orm, orgId, registry, clock } = getApp();
	const check = checkImport(typeof body.text === 'string' ? body.text : '', registry);
	if (!check.ok) return json({ ok: false, issues: check.issues }, { status: 422 });
	const slug = check.definition.id;
	await saveDraft({
		em: orm.em.fork(),
		orgId,
		slug,
		content: check.definition as unknown as Record<string, unknown>,
		baseVersion: null,
		actorId: locals.actor?.accountId ?? null,
		now: clock.now()
	});
	return json({ ok: true, slug, warnings: check.warnings });
};
