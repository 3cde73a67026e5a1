import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { apiContext } from '$lib/server/api/context';
import { parseQuery } from '$lib/server/api/parse';
import { listDirectory } from '$lib/server/people/directory';
import { apiRoute } from '$lib/server/http';

const listQuery = z.object({
	q: z.string().optional(),
	unit: z.uuid().optional(),
	manager: z.uuid().optional()
});

/** The directory: id, name, e-mail, job title, manager and unit of everyone in the organisation. */
export const GET: RequestHandler = (event) =>
	apiRoute(async () => {
		const ctx = apiContext(event);
		const query = parseQuery(event.url, listQuery.loose());
		const people = await listDirectory(ctx.em, ctx.orgId, {
			query: query.q,
			unitId: query.unit,
			managerId: query.manager
		});
		return json({ people });
	});
