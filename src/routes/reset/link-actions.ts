import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { sessionCookieOptions } from '$lib/server/auth/handle';
import { inspectLink, redeemLink, type LinkKind } from '$lib/server/auth/links';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/secrets';
import { SESSION_COOKIE, createSession } from '$lib/server/auth/sessions';

/** The invitation and reset pages: check the link, set the password, sign the person in. */
export async function loadLink(event: RequestEvent<{ token: string }>, kind: LinkKind) {
	event.setHeaders({ 'cache-control': 'no-store' });
	const app = getApp();
	const link = await inspectLink(app.orm.em.fork(), event.params.token, kind, app.clock.now());
	return { valid: link.ok, email: link.ok ? link.email : '', minLength: PASSWORD_MIN_LENGTH };
}

export async function redeemLinkAction(event: RequestEvent<{ token: string }>, kind: LinkKind) {
	const form = await event.request.formData();
	const password = String(form.get('password') ?? '');
	if (password !== String(form.get('confirm') ?? ''))
		return fail(400, { error: 'mismatch' as const });
	const app = getApp();
	const em = app.orm.em.fork();
	const now = app.clock.now();
	const result = await redeemLink(em, {
		token: event.params.token,
		kind,
		password,
		ip: event.getClientAddress(),
		now
	});
	if (!result.ok) return fail(400, { error: result.code });
	// Someone else's session in this browser must not survive setting a new identity's password.
	event.cookies.delete(SESSION_COOKIE, { path: '/' });
	const session = await createSession(em, {
		organisationId: result.organisationId,
		accountId: result.accountId,
		ip: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent'),
		now
	});
	event.cookies.set(
		SESSION_COOKIE,
		session.token,
		sessionCookieOptions(event.url, session.expiresAt)
	);
	redirect(303, '/');
}
