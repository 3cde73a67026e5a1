import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiContext } from '$lib/server/api/context';
import { parseBody } from '$lib/server/api/parse';
import { schemePublishSchema } from '$lib/server/api/schemas';
import { listSchemes } from '$lib/server/domain/scoring/schemes';
import { publishScheme } from '$lib/server/domain/scoring/evaluations';
import type { SchemeInput } from '$lib/server/domain/scoring/schemes';
import { apiRoute } from '$lib/server/http';

/** Every version of every weighting scheme (the rules are public; the scores are not). */
export const GET: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		return json({ schemes: await listSchemes(ctx.em, ctx.orgId) });
	});

/** Publishes the next version of a scheme (weights must sum to 100). */
export const POST: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		const input: SchemeInput = await parseBody(event.request, schemePublishSchema);
		const scheme = await publishScheme(
			ctx.em,
			ctx.orgId,
			input,
			ctx.changeActor('published through the API')
		);
		return json({ scheme }, { status: 201 });
	});
