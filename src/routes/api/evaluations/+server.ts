import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { apiContext } from '$lib/server/api/context';
import { parseQuery } from '$lib/server/api/parse';
import { filterByPolicy } from '$lib/server/api/targets';
import { listEvaluations } from '$lib/server/domain/scoring/evaluations';
import { apiRoute } from '$lib/server/http';

const listQuery = z.object({
	cycle: z.string().min(1).optional(),
	employee: z.uuid().optional(),
	status: z.enum(['live', 'finalised']).optional()
});

/** The evaluations the actor may read; the others are not in the answer at all. */
export const GET: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		const query = parseQuery(event.url, listQuery.loose());
		const rows = await listEvaluations(ctx.em, ctx.orgId, {
			cycle: query.cycle,
			employeeId: query.employee,
			status: query.status
		});
		const evaluations = await filterByPolicy(ctx.em, ctx.actor, 'evaluation.read', rows, (e) => ({
			kind: 'person',
			id: e.employeeId
		}));
		return json({ evaluations });
	});
