import { listPeople } from '$lib/server/admin/people';
import { adminRequest } from '../admin-request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { em, orgId } = await adminRequest(event, 'people.manage');
	const query = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	return { query, people: await listPeople(em, orgId, { query }) };
};
