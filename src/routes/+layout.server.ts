import { getLocale } from '$lib/paraglide/runtime';
import { validTimeZone } from '$lib/ui/format';
import { TIME_ZONE_COOKIE } from '$lib/ui/time-zone';
import { getApp } from '$lib/server/app';
import { inboxCounts } from '$lib/server/tasks';
import { unreadCount } from '$lib/server/notify';
import { checkRoute } from '$lib/server/policy';
import { navRoutes } from '$lib/components/shell/nav-items';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ cookies, locals, url }) => ({
	locale: getLocale(),
	// Until the browser has told us its zone, render in UTC; the page corrects itself after hydration.
	timeZone: validTimeZone(cookies.get(TIME_ZONE_COOKIE)) ?? 'UTC',
	account: locals.session ? { email: locals.session.email } : null,
	// The header's badges: open tasks and unread notifications of the signed-in person.
	// Reading the path makes every navigation refresh them.
	counts: locals.actor && url.pathname ? await headerCounts(locals.actor) : null,
	// The navigation's checked entries the actor may open (Admin, Designer, Workflows…).
	navAllowed: locals.actor
		? navRoutes.filter((route) => checkRoute(locals.actor ?? null, route, 'GET').ok)
		: null
});

async function headerCounts(actor: NonNullable<App.Locals['actor']>) {
	const { orm, orgId, clock } = getApp();
	const [tasks, notifications] = await Promise.all([
		inboxCounts({ em: orm.em.fork(), orgId, actor, now: clock.now() }),
		unreadCount({ em: orm.em.fork(), orgId, actor })
	]);
	return { inbox: tasks.open, overdue: tasks.overdue, notifications };
}
