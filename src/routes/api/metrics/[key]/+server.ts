import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiContext } from '$lib/server/api/context';
import { parseBody } from '$lib/server/api/parse';
import { metricPatchSchema } from '$lib/server/api/schemas';
import { getMetric, updateMetric } from '$lib/server/domain/metrics/definitions';
import { apiRoute } from '$lib/server/http';

export const GET: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		return json({ metric: await getMetric(ctx.em, ctx.orgId, event.params.key) });
	});

/** Changes a definition (everything but its key), checked against the whole set. */
export const PATCH: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		const patch = await parseBody(event.request, metricPatchSchema);
		return json({ metric: await updateMetric(ctx.em, ctx.orgId, event.params.key, patch) });
	});
