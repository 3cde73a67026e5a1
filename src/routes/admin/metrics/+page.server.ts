import { listMetrics } from '$lib/server/domain/metrics/definitions';
import { adminRequest } from '../admin-request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { em, orgId } = await adminRequest(event, 'metric.manage');
	return { metrics: await listMetrics(em, orgId) };
};
