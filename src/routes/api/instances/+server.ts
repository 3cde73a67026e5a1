import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { apiRoute, optionalString, readJsonObject, requiredString } from '$lib/server/http';
import { listInstances, startInstance } from '$lib/server/runtime/index';
import { AppError } from '$lib/server/runtime/errors';
import { INSTANCE_STATUSES, type InstanceStatus } from '$lib/server/db/entities/instance.entity';

export const GET: RequestHandler = ({ url }) =>
	apiRoute(async () => {
		const app = getApp();
		const status = url.searchParams.get('status') ?? undefined;
		if (status && !(INSTANCE_STATUSES as readonly string[]).includes(status)) {
			throw AppError.badRequest(`status must be one of ${INSTANCE_STATUSES.join(', ')}`, 'status');
		}
		const instances = await listInstances(app.orm.em.fork(), app.orgId, {
			status: status as InstanceStatus | undefined
		});
		return json({ instances });
	});

export const POST: RequestHandler = ({ request }) =>
	apiRoute(async () => {
		const app = getApp();
		const body = await readJsonObject(request);
		const definition = optionalString(body, 'definition');
		const versionId = optionalString(body, 'versionId');
		if (!definition && !versionId)
			throw AppError.badRequest('definition (slug) is required', 'definition');
		const result = await startInstance({
			em: app.orm.em.fork(),
			orgId: app.orgId,
			definitionSlug: definition,
			versionId,
			subjectId: requiredString(body, 'subjectId'),
			input: body.input,
			now: app.clock.now()
		});
		return json(result, {
			status: 201,
			headers: { location: `/api/instances/${result.instanceId}` }
		});
	});
