import { listPeople } from '$lib/server/admin/people';
import { listMetrics } from '$lib/server/domain/metrics/definitions';
import { schemeOverview } from '$lib/server/admin/weightings';
import { adminRequest } from './admin-request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { em, orgId } = await adminRequest(event, 'setting.manage');
	const [people, metrics, overview] = await Promise.all([
		listPeople(em.fork(), orgId),
		listMetrics(em.fork(), orgId),
		schemeOverview(em.fork(), orgId)
	]);
	return {
		counts: {
			people: people.length,
			accounts: people.filter((p) => p.accountStatus === 'active').length,
			metrics: metrics.length,
			derived: metrics.filter((m) => m.formula).length,
			schemes: overview.schemes.length
		},
		lastSwap: overview.swaps[0] ?? null
	};
};
