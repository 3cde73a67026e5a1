import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { apiRoute, optionalString, readJsonObject, requiredString } from '$lib/server/http';
import { sendEvent } from '$lib/server/runtime/index';

export const POST: RequestHandler = ({ params, request }) =>
	apiRoute(async () => {
		const app = getApp();
		const body = await readJsonObject(request);
		const result = await sendEvent({
			em: app.orm.em.fork(),
			orgId: app.orgId,
			instanceId: params.id,
			event: {
				type: requiredString(body, 'type'),
				data: body.data,
				taskId: optionalString(body, 'taskId')
			},
			clientEventId: optionalString(body, 'clientEventId'),
			now: app.clock.now()
		});
		return json(result);
	});
