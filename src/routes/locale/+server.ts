import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/** Only same-site paths: an open redirect through the language switcher would be a phishing aid. */
function safeReturnPath(value: FormDataEntryValue | null): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
	if (value.includes('\\')) return '/';
	return value;
}

/** The language switcher posts here, so switching works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	if (typeof locale === 'string' && isLocale(locale)) {
		cookies.set(cookieName, locale, {
			path: '/',
			maxAge: cookieMaxAge,
			sameSite: 'lax',
			// paraglide reads the cookie in the browser too
			httpOnly: false
		});
	}
	redirect(303, safeReturnPath(form.get('redirectTo')));
};
