import { getLocale } from '$lib/paraglide/runtime';
import { validTimeZone } from '$lib/ui/format';
import { TIME_ZONE_COOKIE } from '$lib/ui/time-zone';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ cookies, locals }) => ({
	locale: getLocale(),
	// Until the browser has told us its zone, render in UTC; the page corrects itself after hydration.
	timeZone: validTimeZone(cookies.get(TIME_ZONE_COOKIE)) ?? 'UTC',
	account: locals.session ? { email: locals.session.email } : null
});
