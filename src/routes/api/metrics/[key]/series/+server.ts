import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiContext } from '$lib/server/api/context';
import { parseQuery } from '$lib/server/api/parse';
import { seriesQuerySchema } from '$lib/server/api/schemas';
import { ownerTarget } from '$lib/server/api/targets';
import { metricSeries } from '$lib/server/domain/metrics/series';
import { apiRoute } from '$lib/server/http';
import { AppError } from '$lib/server/runtime/errors';

/** One person's series of a metric, bucketed by period, with trend alerts. */
export const GET: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		const query = parseQuery(event.url, seriesQuerySchema.loose());
		// A person's figures are as visible as their goals' progress.
		const target = await ownerTarget(ctx.em, ctx.orgId, { kind: 'person', id: query.subject });
		if (!target) throw AppError.notFound('person', query.subject);
		await ctx.require('goal.read', target);
		const series = await metricSeries(ctx.em, ctx.orgId, {
			metricKey: event.params.key,
			subjectId: query.subject,
			from: query.from,
			to: query.to,
			period: query.period,
			...(query.timeZone ? { timeZone: query.timeZone } : {})
		});
		return json(series);
	});
