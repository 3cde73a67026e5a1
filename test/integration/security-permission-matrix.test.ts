import { describe, expect, it } from 'vitest';
import {
	PERMISSIONS,
	PERSON_PERMISSIONS,
	ROUTE_RULES,
	authorize,
	checkRoute,
	type Actor,
	type Permission,
	type RoleGrant,
	type Target
} from '../../src/lib/server/policy/index';
import { orphanLayoutLoads, scanRouteTree } from './security-route-tree';
import { hasScrapeToken } from '../../src/lib/server/auth/handle';

/*
 * The org the matrix runs in. Every actor is the same person A (team T1 in department D1) with
 * a report R and R's report RR; X works in department D2; Y in another organisation. Actors
 * differ only by their grants, so each row shows what a role adds.
 */
const ORG = 'org-1';
const A = 'emp-a';
const facts = {
	self: {
		organisationId: ORG,
		employeeId: A,
		managerChain: ['emp-boss'],
		unitAncestry: ['t1', 'd1', 'c']
	},
	report: {
		organisationId: ORG,
		employeeId: 'emp-r',
		managerChain: [A, 'emp-boss'],
		unitAncestry: ['t1', 'd1', 'c']
	},
	reportOfReport: {
		organisationId: ORG,
		employeeId: 'emp-rr',
		managerChain: ['emp-r', A, 'emp-boss'],
		unitAncestry: ['t1', 'd1', 'c']
	},
	otherUnit: {
		organisationId: ORG,
		employeeId: 'emp-x',
		managerChain: ['emp-z'],
		unitAncestry: ['d2', 'c']
	},
	otherOrganisation: {
		organisationId: 'org-2',
		employeeId: 'emp-y',
		managerChain: [],
		unitAncestry: ['c2']
	}
} as const;
type RelationName = keyof typeof facts;
const RELATIONS = Object.keys(facts) as RelationName[];

const actor = (grants: RoleGrant[]): Actor => ({
	accountId: 'acc',
	organisationId: ORG,
	employeeId: A,
	grants
});
const ACTORS = {
	employee: actor([]),
	manager: actor([{ role: 'manager', scopeUnitId: null }]),
	hr: actor([{ role: 'hr', scopeUnitId: null }]),
	hrOfD1: actor([{ role: 'hr', scopeUnitId: 'd1' }]),
	designer: actor([{ role: 'designer', scopeUnitId: null }]),
	admin: actor([{ role: 'admin', scopeUnitId: null }])
} as const;
type ActorName = keyof typeof ACTORS;
const ACTOR_NAMES = Object.keys(ACTORS) as ActorName[];

// The expected answers, written out by hand (not derived from the policy).
// S self, R report, RR report of a report, U other unit. Other organisations: never.
type Code = 'S' | 'R' | 'RR' | 'U';
const CODE: Record<Exclude<RelationName, 'otherOrganisation'>, Code> = {
	self: 'S',
	report: 'R',
	reportOfReport: 'RR',
	otherUnit: 'U'
};
const ALL: Code[] = ['S', 'R', 'RR', 'U'];
const LINE: Code[] = ['S', 'R', 'RR'];
const own = (a: ActorName) =>
	({ employee: ['S'], manager: LINE, hr: ALL, hrOfD1: LINE, designer: ['S'], admin: ['S'] })[
		a
	] as Code[];

const PERSON_EXPECTED: Record<string, (a: ActorName) => Code[]> = {
	'goal.read:visible': () => ALL,
	'goal.read:private': own,
	'goal.write': own,
	'evaluation.read': own,
	'evaluation.write': (a) =>
		(({ manager: ['R', 'RR'], hr: ['R', 'RR', 'U'], hrOfD1: ['R', 'RR'] })[
			a as string
		] as Code[]) ?? [],
	'feedback.read': own,
	'feedback.write': () => ['R', 'RR', 'U'],
	'task.read': own,
	'instance.read': own,
	'instance.manage': (a) => (a === 'hr' ? ALL : a === 'hrOfD1' ? LINE : []),
	'person.read': () => ALL
};
const ORG_EXPECTED: Record<string, ActorName[]> = {
	'metric.read': ACTOR_NAMES,
	'definition.read': ['hr', 'hrOfD1', 'designer', 'admin'],
	'definition.write': ['designer'],
	'people.manage': ['admin'],
	'role.manage': ['admin'],
	'metric.manage': ['admin'],
	'weighting.manage': ['admin'],
	'setting.manage': ['admin'],
	'audit.read': ['hr', 'admin']
};
const HIDDEN = new Set([
	'evaluation.read',
	'evaluation.write',
	'feedback.read',
	'task.read',
	'instance.read'
]);

function personCases(permission: Permission) {
	const variants =
		permission === 'goal.read' ? (['visible', 'private'] as const) : ([undefined] as const);
	return variants.flatMap((visibility) =>
		ACTOR_NAMES.flatMap((actorName) =>
			RELATIONS.map((relation) => {
				const key = visibility ? `${permission}:${visibility}` : permission;
				const allowedCodes = (PERSON_EXPECTED[key] as (a: ActorName) => Code[])(actorName);
				const allowed = relation !== 'otherOrganisation' && allowedCodes.includes(CODE[relation]);
				const target: Target = {
					kind: 'person',
					...facts[relation],
					...(visibility ? { visibility } : {})
				};
				const status = relation === 'otherOrganisation' || HIDDEN.has(permission) ? 404 : 403;
				return { actorName, relation, visibility, target, allowed, status };
			})
		)
	);
}

function orgCases(permission: Permission) {
	return ACTOR_NAMES.flatMap((actorName) =>
		(['ownOrganisation', 'otherOrganisation'] as const).map((relation) => {
			const organisationId = relation === 'ownOrganisation' ? ORG : 'org-2';
			const allowed =
				relation === 'ownOrganisation' && (ORG_EXPECTED[permission] ?? []).includes(actorName);
			return {
				actorName,
				relation,
				target: { kind: 'organisation', organisationId } as Target,
				allowed,
				status: relation === 'ownOrganisation' ? 403 : 404
			};
		})
	);
}

const casesOf = (permission: Permission) =>
	PERSON_PERMISSIONS.has(permission) ? personCases(permission) : orgCases(permission);

describe('permission matrix: every permission × role × relation', () => {
	it('has an expectation for every permission', () => {
		for (const permission of PERMISSIONS) {
			const known =
				permission in ORG_EXPECTED ||
				permission in PERSON_EXPECTED ||
				`${permission}:visible` in PERSON_EXPECTED;
			expect(known, permission).toBe(true);
		}
	});

	for (const permission of PERMISSIONS) {
		it(permission, () => {
			for (const c of casesOf(permission)) {
				const decision = authorize(ACTORS[c.actorName], permission, c.target);
				const label = `${permission} ${c.actorName} → ${c.relation}${'visibility' in c && c.visibility ? ` (${c.visibility})` : ''}`;
				expect(decision.allowed, label).toBe(c.allowed);
				if (!decision.allowed) expect(decision.status, label).toBe(c.status);
			}
		});
	}
});

describe('permission matrix: every route in src/routes', () => {
	const routes = scanRouteTree();

	it('finds the routes', () => {
		expect(routes.length).toBeGreaterThan(0);
		expect(orphanLayoutLoads()).toEqual([]);
	});

	it('has a rule for every page, load, action and endpoint', () => {
		const missing = routes.filter((r) => !ROUTE_RULES[r.routeId]?.[r.access]);
		expect(missing.map((r) => `${r.access} ${r.routeId} (${r.file})`)).toEqual([]);
	});

	for (const route of routes) {
		it(`${route.access} ${route.routeId}`, () => {
			const declared = ROUTE_RULES[route.routeId]?.[route.access];
			if (!declared) return; // reported by the test above
			const method = route.access === 'read' ? 'GET' : 'POST';
			// A scrape route opens for the monitoring token alone, and otherwise like its fallback.
			if (declared.kind === 'scrape')
				expect(checkRoute(null, route.routeId, method, { hasScrapeToken: true }).ok).toBe(true);
			const access = declared.kind === 'scrape' ? declared.otherwise : declared;
			const anonymous = checkRoute(null, route.routeId, method);
			expect(anonymous.ok ? 200 : anonymous.status, 'anonymous').toBe(
				access.kind === 'public' ? 200 : 401
			);
			for (const actorName of ACTOR_NAMES) {
				const gate = checkRoute(ACTORS[actorName], route.routeId, method);
				let expected = true;
				if (access.kind === 'permission') {
					// Person routes open when the role is allowed for someone; the route then asks `authorize`.
					expected = casesOf(access.permission).some((c) => c.actorName === actorName && c.allowed);
				}
				expect(gate.ok, `${route.routeId} ${actorName}`).toBe(expected);
			}
		});
	}

	it('takes the scrape token only from a configured, exactly equal bearer', () => {
		const token = 'scrape-token-for-tests-0123456789';
		expect(hasScrapeToken(`Bearer ${token}`, token)).toBe(true);
		expect(hasScrapeToken(`bearer  ${token} `, token)).toBe(true);
		expect(hasScrapeToken(`Bearer ${token}x`, token)).toBe(false);
		expect(hasScrapeToken(token, token)).toBe(false);
		expect(hasScrapeToken(null, token)).toBe(false);
		expect(hasScrapeToken(`Bearer ${token}`, undefined)).toBe(false);
		expect(hasScrapeToken('Bearer ', '')).toBe(false);
		// The token opens /metrics only; an admin page stays closed to it.
		expect(checkRoute(null, '/metrics', 'GET', { hasScrapeToken: true }).ok).toBe(true);
		expect(checkRoute(null, '/metrics', 'GET')).toMatchObject({ ok: false, status: 401 });
		expect(checkRoute(null, '/admin', 'GET', { hasScrapeToken: true }).ok).toBe(false);
	});

	it('refuses a route that has no rule (fail closed)', () => {
		expect(checkRoute(ACTORS.admin, '/no/such/rule', 'GET')).toMatchObject({
			ok: false,
			status: 403
		});
	});

	it('reports the size of the matrix', () => {
		const permissionCells = PERMISSIONS.reduce((n, p) => n + casesOf(p).length, 0);
		const routeCells = routes.reduce((n, r) => {
			const declared = ROUTE_RULES[r.routeId]?.[r.access];
			const access = declared?.kind === 'scrape' ? declared.otherwise : declared;
			const perRoute = access?.kind === 'permission' ? casesOf(access.permission).length : 0;
			return n + 1 + ACTOR_NAMES.length + perRoute;
		}, 0);
		console.info(
			`permission matrix: ${permissionCells} permission cells, ${routes.length} route entries, ${routeCells} route cells`
		);
		expect(permissionCells).toBeGreaterThan(0);
	});
});
