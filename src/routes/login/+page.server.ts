import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getApp } from '$lib/server/app';
import { sessionCookieOptions } from '$lib/server/auth/handle';
import { safeNextPath } from '$lib/server/auth/next-path';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { signIn } from '$lib/server/auth/sign-in';
import type { Actions, PageServerLoad } from './$types';

const credentials = z.object({
	email: z.string().trim().min(1).max(320),
	password: z.string().min(1).max(1024)
});

export const load: PageServerLoad = ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	if (locals.session) redirect(303, safeNextPath(url.searchParams.get('next')));
	return { next: safeNextPath(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '');
		const parsed = credentials.safeParse({ email, password: form.get('password') ?? '' });
		if (!parsed.success) return fail(400, { email, error: 'missing' as const });
		const app = getApp();
		const result = await signIn(app.orm.em.fork(), {
			organisationId: app.orgId,
			email: parsed.data.email,
			password: parsed.data.password,
			ip: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent'),
			now: app.clock.now()
		});
		if (!result.ok) {
			if (result.code === 'rate_limited') {
				return fail(429, {
					email,
					error: 'rate_limited' as const,
					minutes: result.retryAfterMinutes
				});
			}
			return fail(400, { email, error: 'invalid' as const });
		}
		event.cookies.set(
			SESSION_COOKIE,
			result.token,
			sessionCookieOptions(event.url, result.expiresAt)
		);
		redirect(303, safeNextPath(String(form.get('next') ?? '')));
	}
};
