import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiContext } from '$lib/server/api/context';
import { readableGoal, requireGoalWrite } from '$lib/server/api/goals';
import { parseBody } from '$lib/server/api/parse';
import { goalChangeSchema } from '$lib/server/api/schemas';
import { changeGoal } from '$lib/server/domain/goals/service';
import { loadGoalOwner } from '$lib/server/domain/goals/read';
import { apiRoute } from '$lib/server/http';
import { AppError } from '$lib/server/runtime/errors';
import { isUuid } from '$lib/server/runtime/executor';

/** One goal: progress report (value, gap, pace, lag, forecast, alerts, series) and history. */
export const GET: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		if (!isUuid(event.params.id)) throw AppError.notFound('goal', event.params.id);
		return json(await readableGoal(ctx, event.params.id));
	});

/** Re-targets, re-weights, re-parents, archives or re-links a goal, saying why. */
export const PATCH: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		if (!isUuid(event.params.id)) throw AppError.notFound('goal', event.params.id);
		const { why, ...request } = await parseBody(event.request, goalChangeSchema);
		const owner = await loadGoalOwner(ctx.em, ctx.orgId, event.params.id);
		if (!owner) throw AppError.notFound('goal', event.params.id);
		await requireGoalWrite(ctx, owner, 'owner.id');
		return json(
			await changeGoal(ctx.em, ctx.orgId, event.params.id, request, ctx.changeActor(why))
		);
	});
