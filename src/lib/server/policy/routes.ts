import { authorize, mayEver, organisationTarget } from './decide';
import { PERSON_PERMISSIONS, type Actor, type Permission } from './types';

/** No access needed, a session, or a permission. */
export type PlainAccess =
	| { readonly kind: 'public' }
	| { readonly kind: 'session' }
	| { readonly kind: 'permission'; readonly permission: Permission };

/** Who may reach a route at all. Person-level checks happen in the route with `authorize`. */
export type RouteAccess =
	| PlainAccess
	/** A monitoring scraper's bearer token (`LOOPWORK_METRICS_TOKEN`), or else `otherwise`. */
	| { readonly kind: 'scrape'; readonly otherwise: PlainAccess };

/** What the request proved besides a session: the handle checks the token, this stays pure. */
export type RouteCredentials = { readonly hasScrapeToken?: boolean };

/** `read`: GET/HEAD and page loads; `write`: every other method and form actions. */
export type RouteRule = { readonly read?: RouteAccess; readonly write?: RouteAccess };

const open: PlainAccess = { kind: 'public' };
const signedIn: PlainAccess = { kind: 'session' };
const can = (permission: Permission): PlainAccess => ({ kind: 'permission', permission });

/**
 * Every route of the app, by SvelteKit route id. The auth handle refuses a route that is not
 * listed here, and the permission-matrix test fails for a route file without a rule, so a new
 * page or endpoint is closed until someone decides who may use it.
 * For a person-level permission the handle only checks that the actor could be allowed for
 * someone; the route then loads the person and calls `authorize` (see `requirePermission`).
 */
export const ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
	'/': { read: signedIn },
	'/locale': { write: open },
	'/healthz': { read: open },
	'/login': { read: open, write: open },
	'/logout': { write: signedIn },
	'/invite/[token]': { read: open, write: open },
	'/reset/[token]': { read: open, write: open },
	'/admin/audit': { read: can('audit.read') },
	// Admin pages: people and roles, metric definitions and weighting schemes (admins only).
	'/admin': { read: can('setting.manage') },
	'/admin/people': { read: can('people.manage') },
	'/admin/people/[id]': { read: can('people.manage'), write: can('people.manage') },
	'/admin/metrics': { read: can('metric.manage') },
	'/admin/metrics/new': { read: can('metric.manage'), write: can('metric.manage') },
	'/admin/metrics/[key]': { read: can('metric.manage'), write: can('metric.manage') },
	'/admin/weightings': { read: can('weighting.manage') },
	'/admin/weightings/[key]': { read: can('weighting.manage') },
	'/admin/weightings/[key]/new': { read: can('weighting.manage'), write: can('weighting.manage') },
	'/admin/audit/export': { read: can('audit.read') },
	// Prometheus scrapes with `Authorization: Bearer $LOOPWORK_METRICS_TOKEN`; admins may look too.
	'/metrics': { read: { kind: 'scrape', otherwise: can('setting.manage') } },
	'/workflows': { read: can('definition.read') },
	'/workflows/[slug]': { read: can('definition.read') },
	'/workflows/[slug]/v/[version]': { read: can('definition.read') },
	'/api/definitions': { read: can('definition.read') },
	// Instance lists and details are per subject: the route must filter with `authorize`.
	'/instances': { read: can('instance.read') },
	'/instances/[id]': { read: can('instance.read') },
	'/api/instances': { read: can('instance.read'), write: can('instance.manage') },
	'/api/instances/[id]': { read: can('instance.read') },
	// Raw events are an integration/hr tool; people complete their tasks through task routes.
	'/api/instances/[id]/events': { write: can('instance.manage') },
	// The domain's JSON API. Person-level rules are applied per row inside the routes: lists
	// leave out what the actor may not read (evaluations never leak), one item answers 403/404.
	'/api/goals': { read: can('goal.read'), write: can('goal.write') },
	'/api/goals/[id]': { read: can('goal.read'), write: can('goal.write') },
	'/api/metrics': { read: can('metric.read'), write: can('metric.manage') },
	'/api/metrics/[key]': { read: can('metric.read'), write: can('metric.manage') },
	'/api/metrics/[key]/series': { read: can('metric.read') },
	'/api/metrics/values': { write: can('metric.manage') },
	'/api/weightings': { read: can('metric.read'), write: can('weighting.manage') },
	'/api/weightings/swap': { write: can('weighting.manage') },
	'/api/evaluations': { read: can('evaluation.read') },
	'/api/evaluations/[id]': { read: can('evaluation.read') },
	'/api/people': { read: can('person.read') },
	// Goal views: goals are visible across departments; person pages check the person in the load.
	'/goals': { read: can('goal.read') },
	'/goals/board': { read: can('goal.read') },
	'/goals/map': { read: can('goal.read') },
	'/goals/timeline': { read: can('goal.read') },
	'/goals/[id]': { read: can('goal.read'), write: can('goal.write') },
	'/people/[id]': { read: can('goal.read') },
	'/insights': { read: can('goal.read') },
	// The designer: reading definitions is enough to look; drafts, publish, migration and import write.
	'/designer': { read: can('definition.read') },
	'/designer/import': { write: can('definition.write') },
	'/designer/preview': { write: can('definition.read') },
	'/designer/[slug]': { read: can('definition.read') },
	'/designer/[slug]/draft': { write: can('definition.write') },
	'/designer/[slug]/publish': { write: can('definition.write') },
	'/designer/[slug]/export': { read: can('definition.read') },
	'/designer/[slug]/diff': { read: can('definition.read') },
	'/designer/[slug]/migrate': { read: can('definition.read'), write: can('definition.write') },
	// Tasks are checked per row (assignee or role holder) by the task queries; 404 otherwise.
	'/inbox': { read: signedIn },
	'/tasks/[id]': { read: signedIn, write: signedIn },
	'/notifications': { read: signedIn, write: signedIn },
	'/feedback/[instanceId]': { read: can('feedback.read'), write: can('feedback.read') },
	'/admin/outbox': { read: can('setting.manage') },
	// Refused with 404 unless LOOPWORK_TEST_MODE=1.
	'/api/test/clock': { read: signedIn, write: signedIn }
};

export function accessKind(method: string): 'read' | 'write' {
	return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'read' : 'write';
}

export type RouteGate =
	| { readonly ok: true }
	| { readonly ok: false; readonly status: 401 | 403 | 404 | 405; readonly reason: string };

/** The gate the auth handle applies before a route runs. Pure. */
export function checkRoute(
	actor: Actor | null,
	routeId: string,
	method: string,
	credentials: RouteCredentials = {}
): RouteGate {
	const rule = ROUTE_RULES[routeId];
	if (!rule) return { ok: false, status: 403, reason: `no access rule for ${routeId}` };
	const declared = rule[accessKind(method)];
	if (!declared) return { ok: false, status: 405, reason: `${method} not allowed on ${routeId}` };
	if (declared.kind === 'scrape' && credentials.hasScrapeToken === true) return { ok: true };
	const access = declared.kind === 'scrape' ? declared.otherwise : declared;
	if (access.kind === 'public') return { ok: true };
	if (!actor) return { ok: false, status: 401, reason: 'not signed in' };
	if (access.kind === 'session') return { ok: true };
	const { permission } = access;
	if (PERSON_PERMISSIONS.has(permission)) {
		return mayEver(actor, permission)
			? { ok: true }
			: { ok: false, status: 403, reason: `${permission} never granted` };
	}
	const decision = authorize(actor, permission, organisationTarget(actor.organisationId));
	return decision.allowed
		? { ok: true }
		: { ok: false, status: decision.status, reason: decision.reason };
}
