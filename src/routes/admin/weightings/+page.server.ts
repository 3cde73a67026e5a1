import { schemeOverview } from '$lib/server/admin/weightings';
import { adminRequest } from '../admin-request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { em, orgId } = await adminRequest(event, 'weighting.manage');
	return await schemeOverview(em, orgId);
};
