import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { apiContext } from '$lib/server/api/context';
import { goalForest, readableGoals, requireGoalWrite } from '$lib/server/api/goals';
import { parseBody, parseQuery, queryFlag } from '$lib/server/api/parse';
import { goalCreateSchema } from '$lib/server/api/schemas';
import { createGoal } from '$lib/server/domain/goals/service';
import { apiRoute } from '$lib/server/http';

const listQuery = z.object({
	owner: z.uuid().optional(),
	root: z.uuid().optional(),
	view: z.enum(['list', 'tree']).default('list')
});

/** The goals the actor may read, with stored progress: a list (parents first) or a tree. */
export const GET: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		const query = parseQuery(event.url, listQuery.loose());
		const goals = await readableGoals(ctx, {
			ownerId: query.owner,
			rootId: query.root,
			includeArchived: queryFlag(event.url, 'archived')
		});
		return json(query.view === 'tree' ? { tree: goalForest(goals) } : { goals });
	});

/** Creates a goal for an owner the actor may write goals for. */
export const POST: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		const { why, visibility, manual, ...input } = await parseBody(event.request, goalCreateSchema);
		await requireGoalWrite(ctx, input.owner, 'owner.id');
		const goal = await createGoal(
			ctx.em,
			ctx.orgId,
			{ ...input, ...(manual ? { manual: { ...manual, current: null } } : {}), visibility },
			ctx.changeActor(why)
		);
		return json(
			{ goal: { ...goal, visibility } },
			{ status: 201, headers: { location: `/api/goals/${goal.id}` } }
		);
	});
