import type { PageServerLoad } from './$types';
import { loadCascade } from './cascade.server';

export const load: PageServerLoad = async (event) => ({
	...(await loadCascade(event)),
	includeArchived: event.url.searchParams.get('archived') === '1'
});
