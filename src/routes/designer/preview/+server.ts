import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { renderPreview } from '$lib/server/designer';
import type { RequestHandler } from './$types';

/** Renders a template preview against a demo subject (Handlebars runs on the server only). */
export const POST: RequestHandler = async ({ request }) => {
	const body = (await request.json().catch(() => ({}))) as {
		template?: unknown;
		subjectId?: unknown;
		data?: unknown;
	};
	const data =
		body.data && typeof body.data === 'object' ? (body.data as Record<string, unknown>) : {};
	return json(
		renderPreview({
			template: typeof body.template === 'string' ? body.template : '',
			subjectId: typeof body.subjectId === 'string' ? body.subjectId : undefined,
			data,
			now: getApp().clock.now()
		})
	);
};
