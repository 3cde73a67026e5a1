import { schemeDetail } from '$lib/server/admin/weightings';
import { adminRequest, orNotFound } from '../../admin-request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { em, orgId } = await adminRequest(event, 'weighting.manage');
	const swapId = event.url.searchParams.get('swapped') ?? undefined;
	const version = Number(event.url.searchParams.get('v') ?? '');
	const detail = await orNotFound(schemeDetail(em, orgId, event.params.key, { swapId }));
	const shown = detail.scheme.versions.find((s) => s.version === version) ?? detail.scheme.latest;
	return { ...detail, shown };
};
