import { getApp } from '$lib/server/app';
import { listInstances } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

const STATUSES = ['running', 'done', 'failed', 'cancelled'] as const;
type StatusFilter = (typeof STATUSES)[number];

const isStatus = (value: string | null): value is StatusFilter =>
	(STATUSES as readonly (string | null)[]).includes(value);

export const load: PageServerLoad = async ({ url }) => {
	const requested = url.searchParams.get('status');
	const status = isStatus(requested) ? requested : undefined;
	const { orm, orgId } = getApp();
	return {
		status: status ?? null,
		statuses: STATUSES,
		instances: await listInstances(orm.em.fork(), orgId, { status })
	};
};
