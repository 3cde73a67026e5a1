import { error, json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import * as m from '../../paraglide/messages';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/record';
import { logger } from '../log';
import { authorize } from '../policy/decide';
import { loadActor } from '../policy/load';
import { checkRoute } from '../policy/routes';
import type { Actor, Permission, Target } from '../policy/types';
import { SESSION_COOKIE, validateSession, type SessionRecord } from './sessions';

/** Where the handle gets a request-scoped entity manager (a fork per request). */
export type AuthHandleOptions = { entityManager: () => EntityManager; now?: () => Date };

function wantsJson(event: RequestEvent): boolean {
	return (
		event.url.pathname.startsWith('/api/') ||
		event.request.headers.get('accept')?.includes('application/json') === true
	);
}

function clientAddress(event: RequestEvent): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

/** Cookie options: HttpOnly, SameSite=Lax, Secure whenever the app is served over https. */
export function sessionCookieOptions(url: URL, expiresAt?: Date) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:',
		...(expiresAt ? { expires: expiresAt } : {})
	};
}

/** The sign-in page, with the page the user wanted as `next` (same-site paths only). */
export function loginRedirect(url: URL): string {
	const next = `${url.pathname}${url.search}`;
	return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** Records a refused request in the audit trail (signed-in actors only; anonymous ones get 401). */
async function auditRefusal(
	event: RequestEvent,
	em: EntityManager,
	status: number,
	reason: string
): Promise<void> {
	const { session } = event.locals;
	if (!session) return;
	await recordAudit(em, {
		organisationId: session.organisationId,
		actor: { accountId: session.accountId, label: session.email },
		action: 'access.refused',
		entity: 'route',
		entityId: event.route.id ?? event.url.pathname,
		after: { method: event.request.method, path: event.url.pathname, status, reason },
		ip: clientAddress(event)
	}).catch((err: unknown) => logger.error({ err }, 'could not audit a refused request'));
}

/**
 * The auth handle: resolves the session cookie into `locals.session`/`locals.actor`, then applies
 * the route's rule from the policy's rules table. Anonymous requests to protected routes get a
 * 401 JSON answer (API) or a redirect to /login?next= (pages); refusals are audited.
 */
export function createAuthHandle(options: AuthHandleOptions): Handle {
	return async ({ event, resolve }) => {
		const em = options.entityManager();
		const now = options.now?.() ?? new Date();
		event.locals.session = null;
		event.locals.actor = null;
		const token = event.cookies.get(SESSION_COOKIE);
		if (token) {
			const session = await validateSession(em, token, now);
			if (session) {
				event.locals.session = session;
				event.locals.actor = await loadActor(em, session);
				event.cookies.set(
					SESSION_COOKIE,
					token,
					sessionCookieOptions(event.url, session.expiresAt)
				);
			} else {
				event.cookies.delete(SESSION_COOKIE, { path: '/' });
			}
		}
		const routeId = event.route.id;
		const unauthenticated = () =>
			wantsJson(event)
				? json({ error: 'unauthenticated' }, { status: 401 })
				: new Response(null, { status: 303, headers: { location: loginRedirect(event.url) } });
		if (routeId === null) {
			// No such route: anonymous users learn nothing about which paths exist.
			return event.locals.session ? resolve(event) : unauthenticated();
		}
		const gate = checkRoute(event.locals.actor, routeId, event.request.method, {
			hasScrapeToken: hasScrapeToken(event.request.headers.get('authorization'))
		});
		if (gate.ok) return resolve(event);
		if (gate.status === 401) return unauthenticated();
		await auditRefusal(event, em, gate.status, gate.reason);
		return refusedResponse(event, gate.status);
	};
}

/**
 * Whether the request carries the monitoring scrape token (`Authorization: Bearer …` equal to
 * `LOOPWORK_METRICS_TOKEN`, compared in constant time). Without the variable no token works.
 */
export function hasScrapeToken(
	authorization: string | null,
	configured = process.env.LOOPWORK_METRICS_TOKEN
): boolean {
	if (!configured || !authorization) return false;
	const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
	if (!match) return false;
	const given = Buffer.from(match[1] as string);
	const expected = Buffer.from(configured);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A refusal answered by the handle itself (a returned response, so the security headers still
 * apply): JSON for the API, a small page for browsers. The route never runs.
 */
function refusedResponse(event: RequestEvent, status: number): Response {
	const hidden = status === 404;
	if (wantsJson(event)) return json({ error: hidden ? 'not_found' : 'forbidden' }, { status });
	const title = hidden ? m.auth_refused_not_found() : m.auth_refused_forbidden();
	const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
	const body = [
		'<!doctype html><html><head><meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escape(title)}</title></head>`,
		'<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">',
		`<h1>${escape(title)}</h1><p>${escape(m.auth_refused_description())}</p>`,
		`<p><a href="/">${escape(m.auth_refused_back())}</a></p></body></html>`
	].join('');
	return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** The signed-in session and actor, for a route the handle let through; 401 otherwise. */
export function requireSession(event: RequestEvent): { session: SessionRecord; actor: Actor } {
	const { session, actor } = event.locals;
	if (!session || !actor) error(401, 'Sign in required');
	return { session, actor };
}

/**
 * Asks the policy about one concrete target and refuses (403, or 404 where existence is
 * private) with an audit entry. Call it before loading anything confidential.
 */
export async function requirePermission(
	event: RequestEvent,
	em: EntityManager,
	permission: Permission,
	target: Target
): Promise<Actor> {
	const { actor } = requireSession(event);
	const decision = authorize(actor, permission, target);
	if (decision.allowed) return actor;
	await auditRefusal(event, em, decision.status, decision.reason);
	error(decision.status, decision.status === 404 ? 'Not found' : 'Forbidden');
}
