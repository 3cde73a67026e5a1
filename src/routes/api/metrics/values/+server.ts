import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { apiContext } from '$lib/server/api/context';
import { parseWith, queryFlag } from '$lib/server/api/parse';
import { metricValueSchema } from '$lib/server/api/schemas';
import { readJsonObject } from '$lib/server/http';
import { apiRoute } from '$lib/server/http';
import { ingestMetricValues, type IncomingBatch } from '$lib/server/domain/ingest/index';
import { readMetricsCsv } from '$lib/server/domain/ingest/parse';

const bulkSchema = z.object({ values: z.array(metricValueSchema).min(1) });

/** A JSON body (one value, or `{ values: [...] }` with `line` = index) or a CSV file. */
async function incoming(request: Request): Promise<IncomingBatch> {
	if (request.headers.get('content-type')?.startsWith('text/csv'))
		return readMetricsCsv(await request.text());
	const body = await readJsonObject(request);
	if ('values' in body)
		return parseWith(bulkSchema, body).values.map((value, line) => ({ ...value, line }));
	return [{ ...parseWith(metricValueSchema, body), line: 0 }];
}

/**
 * Ingests metric values. All or nothing by default: a bad row (unknown metric or person, not a
 * number, a date that does not parse) answers 422 with every rejected row and stores nothing;
 * `?partial=1` stores the good rows and lists the rejected ones. Re-sent values with the same
 * `sourceId` change nothing.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		const values = await incoming(event.request);
		const report = await ingestMetricValues(ctx.em, ctx.orgId, values, {
			partial: queryFlag(event.url, 'partial'),
			source: 'api',
			now: ctx.now
		});
		if (!report.ok) {
			return json(
				{
					error: {
						code: 'rejected_rows',
						message: `${report.rejected.length} of ${report.received} rows were refused; nothing was stored (send ?partial=1 to store the good rows)`,
						rejected: report.rejected
					},
					received: report.received
				},
				{ status: 422 }
			);
		}
		return json(report);
	});
