import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { checkDefinition } from '$lib/designer/lint-check';
import type { Definition } from '$lib/engine/definition';
import type { RequestHandler } from './$types';

/** Live lint for the designer: the engine's lint with the server's registry, nothing stored. */
export const POST: RequestHandler = async ({ request }) => {
	const body = (await request.json().catch(() => ({}))) as { content?: unknown };
	const content = body.content && typeof body.content === 'object' ? body.content : {};
	return json({ problems: checkDefinition(content as Definition, getApp().registry) });
};
