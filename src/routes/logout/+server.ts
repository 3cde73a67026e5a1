import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { signOut } from '$lib/server/auth/sign-in';
import type { RequestHandler } from './$types';

/** Sign-out is a POST (a link or an image cannot sign someone out); SvelteKit checks the origin. */
export const POST: RequestHandler = async ({ locals, cookies, getClientAddress }) => {
	if (locals.session) {
		const app = getApp();
		await signOut(app.orm.em.fork(), locals.session, getClientAddress(), app.clock.now());
	}
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/login');
};
