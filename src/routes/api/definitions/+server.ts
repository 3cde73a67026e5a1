import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { apiRoute } from '$lib/server/http';
import { listDefinitions } from '$lib/server/definitions/service';

export const GET: RequestHandler = () =>
	apiRoute(async () => {
		const app = getApp();
		return json({ definitions: await listDefinitions(app.orm.em.fork(), app.orgId) });
	});
