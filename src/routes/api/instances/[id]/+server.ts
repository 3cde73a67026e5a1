import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { apiRoute } from '$lib/server/http';
import { getInstanceView } from '$lib/server/runtime/index';

export const GET: RequestHandler = ({ params }) =>
	apiRoute(async () => {
		const app = getApp();
		return json(
			await getInstanceView(app.orm.em.fork(), app.orgId, params.id, { now: app.clock.now() })
		);
	});
