import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiContext } from '$lib/server/api/context';
import { parseBody } from '$lib/server/api/parse';
import { metricCreateSchema } from '$lib/server/api/schemas';
import { createMetric, listMetrics } from '$lib/server/domain/metrics/definitions';
import { apiRoute } from '$lib/server/http';

/** Every metric definition (anyone signed in: goals and dashboards name them). */
export const GET: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		return json({ metrics: await listMetrics(ctx.em, ctx.orgId) });
	});

/** Adds a metric definition (admins; the route rule says so). A taken key is a 409. */
export const POST: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		const definition = await parseBody(event.request, metricCreateSchema);
		const metric = await createMetric(ctx.em, ctx.orgId, definition);
		return json({ metric }, { status: 201, headers: { location: `/api/metrics/${metric.key}` } });
	});
