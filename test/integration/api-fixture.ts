/**
 * Calls the JSON API's route handlers the way SvelteKit does: the auth handle's gate from the
 * policy's rules table first (401/403 before the route runs), then the `+server.ts` function
 * with a constructed RequestEvent whose locals carry the actor. The app runs on a fresh
 * database (PostgreSQL when DATABASE_URL is set, else in-memory PGlite) without workers; the
 * fixture's people live in an organisation of their own.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { shutdown, startApp, type App } from '../../src/lib/server/app';
import { manualClock } from '../../src/lib/server/clock';
import { adminQuery, withDatabase } from '../../src/lib/server/db/test-db';
import { checkRoute } from '../../src/lib/server/policy/routes';
import type { Actor, RoleGrant } from '../../src/lib/server/policy/types';
import type { SessionRecord } from '../../src/lib/server/auth/sessions';

export const NOW = new Date('2025-03-21T12:00:00Z');

// Each route's handler is typed with its own RouteId and params; the fixture builds the event
// for whichever route it calls, so it takes any of them.
type Handler = (event: never) => Promise<Response> | Response;

export type ApiFixture = {
	app: App;
	orgId: string;
	ids: Record<'company' | 'sales' | 'marketing', string>;
	people: Record<'boss' | 'zhang' | 'li' | 'wang' | 'mia', string>;
	actors: Record<'zhang' | 'boss' | 'wang' | 'hr' | 'admin', Actor>;
	query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
	close: () => Promise<void>;
};

export type CallOptions = {
	params?: Record<string, string | undefined>;
	query?: Record<string, string>;
	body?: unknown;
	contentType?: string;
};

export type CallResult = { status: number; body: Record<string, unknown> & { error?: unknown } };

/** Runs `handler` for `actor` (null: anonymous) at `routeId`, gate first. */
export async function call(
	actor: Actor | null,
	method: string,
	routeId: string,
	handler: Handler,
	options: CallOptions = {}
): Promise<CallResult> {
	const gate = checkRoute(actor, routeId, method);
	if (!gate.ok) return { status: gate.status, body: { error: gate.reason } };
	let path = routeId;
	for (const [key, value] of Object.entries(options.params ?? {}))
		path = path.replace(`[${key}]`, encodeURIComponent(value ?? ''));
	const url = new URL(`http://localhost${path}`);
	for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
	const hasBody = options.body !== undefined;
	const request = new Request(url, {
		method,
		headers: { 'content-type': options.contentType ?? 'application/json' },
		...(hasBody
			? {
					body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
				}
			: {})
	});
	const session: SessionRecord | null = actor && {
		id: randomUUID(),
		organisationId: actor.organisationId,
		accountId: actor.accountId,
		email: `${actor.accountId.slice(0, 8)}@example.test`,
		employeeId: actor.employeeId,
		createdAt: NOW,
		expiresAt: new Date(NOW.getTime() + 3_600_000),
		lastSeenAt: NOW
	};
	const event = {
		url,
		request,
		params: options.params ?? {},
		route: { id: routeId },
		locals: { session, actor },
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	const response = await handler(event as never);
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as never) : {} };
}

async function databaseUrl(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
	const base = process.env.DATABASE_URL;
	if (!base) return { url: undefined, drop: () => Promise.resolve() };
	const name = `loopwork_t_api_${randomBytes(6).toString('hex')}`;
	await adminQuery(base, `create database ${name}`);
	return {
		url: withDatabase(base, name),
		drop: () => adminQuery(base, `drop database if exists ${name} with (force)`)
	};
}

/**
 * Sales (boss → Zhang San, Li Si) and Marketing (Mia → Wang Wu) under one company; hr and an
 * admin as accounts without an employee record.
 */
export async function setupApi(): Promise<ApiFixture> {
	const database = await databaseUrl();
	const app = await startApp({
		url: database.url,
		dataDir: null,
		workers: false,
		clock: manualClock(NOW)
	});
	const conn = () => app.orm.em.fork().getConnection();
	const query = <T>(sql: string, params: unknown[] = []) => conn().execute<T[]>(sql, params);
	const orgId = randomUUID();
	const ids = { company: randomUUID(), sales: randomUUID(), marketing: randomUUID() };
	const people = {
		boss: randomUUID(),
		zhang: randomUUID(),
		li: randomUUID(),
		wang: randomUUID(),
		mia: randomUUID()
	};
	await query('insert into organisation (id, organisation_id, name) values (?, ?, ?)', [
		orgId,
		orgId,
		'API org'
	]);
	await query(
		`insert into org_unit (id, organisation_id, kind, name, parent_id) values
		 (?, ?, 'company', 'Company', null), (?, ?, 'department', 'Sales', ?), (?, ?, 'department', 'Marketing', ?)`,
		[ids.company, orgId, ids.sales, orgId, ids.company, ids.marketing, orgId, ids.company]
	);
	const staff: [string, string, string | null, string, string][] = [
		[people.boss, 'Sun Boss', null, ids.sales, 'Head of sales'],
		[people.zhang, 'Zhang San', people.boss, ids.sales, 'Account executive'],
		[people.li, 'Li Si', people.boss, ids.sales, 'Account executive'],
		[people.mia, 'Mia Market', null, ids.marketing, 'Head of marketing'],
		[people.wang, 'Wang Wu', people.mia, ids.marketing, 'Growth marketer']
	];
	for (const [id, name, manager, unit, title] of staff) {
		await query(
			`insert into employee (id, organisation_id, name, email, manager_id, unit_id, job_title)
			 values (?, ?, ?, ?, ?, ?, ?)`,
			[id, orgId, name, `${id.slice(0, 8)}@example.test`, manager, unit, title]
		);
	}
	const actor = (employeeId: string | null, grants: RoleGrant[]): Actor => ({
		accountId: randomUUID(),
		organisationId: orgId,
		employeeId,
		grants
	});
	const actors = {
		zhang: actor(people.zhang, []),
		boss: actor(people.boss, [{ role: 'manager', scopeUnitId: null }]),
		wang: actor(people.wang, []),
		hr: actor(null, [{ role: 'hr', scopeUnitId: null }]),
		admin: actor(null, [{ role: 'admin', scopeUnitId: null }])
	};
	return {
		app,
		orgId,
		ids,
		people,
		actors,
		query,
		close: async () => {
			await shutdown();
			await database.drop();
		}
	};
}
