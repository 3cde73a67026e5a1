import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiContext } from '$lib/server/api/context';
import { filterByPolicy } from '$lib/server/api/targets';
import { listEvaluations } from '$lib/server/domain/scoring/evaluations';
import { apiRoute } from '$lib/server/http';
import { AppError } from '$lib/server/runtime/errors';
import { isUuid } from '$lib/server/runtime/executor';

/** One evaluation; one the actor may not read answers 404, exactly like one that does not exist. */
export const GET: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		const { id } = event.params;
		if (!isUuid(id)) throw AppError.notFound('evaluation', id);
		// Only this row is read and opened, not the organisation's evaluations.
		const rows = await listEvaluations(ctx.em, ctx.orgId, { id });
		const [evaluation] = await filterByPolicy(ctx.em, ctx.actor, 'evaluation.read', rows, (e) => ({
			kind: 'person',
			id: e.employeeId
		}));
		if (!evaluation) throw AppError.notFound('evaluation', id);
		return json({ evaluation });
	});
