import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiContext } from '$lib/server/api/context';
import { parseBody } from '$lib/server/api/parse';
import { schemeSwapSchema } from '$lib/server/api/schemas';
import { swapScheme } from '$lib/server/domain/scoring/evaluations';
import { apiRoute } from '$lib/server/http';

/**
 * Swaps the strategy's scheme: publishes the new version, re-scores every live evaluation at
 * once and leaves finalised ones as they were (`rescored`, `leftFinalised`), recording why.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		const { why, ...input } = await parseBody(event.request, schemeSwapSchema);
		const result = await swapScheme(ctx.em, ctx.orgId, input, ctx.changeActor(why));
		return json(result);
	});
