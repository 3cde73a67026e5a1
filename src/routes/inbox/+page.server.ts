import { getApp } from '$lib/server/app';
import { requireSession } from '$lib/server/auth/handle';
import { INBOX_FILTERS, listInbox, inboxCounts, type InboxFilter } from '$lib/server/tasks';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { actor } = requireSession(event);
	const { orm, orgId, clock } = getApp();
	const now = clock.now();
	const requested = event.url.searchParams.get('filter') ?? 'all';
	const filter: InboxFilter = (INBOX_FILTERS as readonly string[]).includes(requested)
		? (requested as InboxFilter)
		: 'all';
	const em = orm.em.fork();
	const [items, counts] = await Promise.all([
		listInbox({ em, orgId, actor, locale: getLocale(), now, filter }),
		inboxCounts({ em: orm.em.fork(), orgId, actor, now })
	]);
	return { items, counts, filter, now: now.toISOString() };
};
