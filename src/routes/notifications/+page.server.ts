import { getApp } from '$lib/server/app';
import { requireSession } from '$lib/server/auth/handle';
import { listNotifications, markRead, unreadCount } from '$lib/server/notify';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { actor } = requireSession(event);
	const { orm, orgId } = getApp();
	const [items, unread] = await Promise.all([
		listNotifications({ em: orm.em.fork(), orgId, actor, locale: getLocale() }),
		unreadCount({ em: orm.em.fork(), orgId, actor })
	]);
	return { items, unread };
};

export const actions: Actions = {
	read: async (event) => {
		const { actor } = requireSession(event);
		const { orm, orgId, clock } = getApp();
		const form = await event.request.formData();
		const id = form.get('id');
		const count = await markRead({
			em: orm.em.fork(),
			orgId,
			actor,
			ids: typeof id === 'string' && id ? [id] : undefined,
			now: clock.now()
		});
		return { marked: count };
	}
};
