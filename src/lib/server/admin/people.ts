/**
 * People administration: the list and the detail an admin works from, role grants with their
 * scope in the org tree, and the account actions (invitation, reset link, ending sessions).
 * Every change and its audit entry are written in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/record';
import { issueInvitation, issuePasswordReset, type IssuedLink } from '../auth/links';
import { revokeAccountSessions } from '../auth/sessions';
import { transaction, type Db } from '../domain/db';
import type { Role } from '../policy/types';
import { AppError } from '../runtime/errors';
import { auditActor, type AdminActor } from './actor';

export type RoleView = {
	id: string;
	role: Role;
	scopeUnitId: string | null;
	scopeUnitName: string | null;
	/** Granted to the person's employee record, or to their sign-in account. */
	holder: 'employee' | 'account';
};

export type AccountStatus = 'invited' | 'active' | 'disabled';

export type PersonSummary = {
	id: string;
	name: string;
	email: string;
	jobTitle: string | null;
	unitName: string | null;
	managerName: string | null;
	accountStatus: AccountStatus | null;
	roles: RoleView[];
};

export type PersonDetail = PersonSummary & {
	unitId: string | null;
	managerId: string | null;
	country: string | null;
	locale: string;
	timeZone: string;
	hireDate: string | null;
	reports: number;
	account: {
		id: string;
		email: string;
		status: AccountStatus;
		lastSignInAt: string | null;
		activeSessions: number;
	} | null;
};

export type UnitOption = { id: string; name: string; kind: string; depth: number };

const UUID = /^[0-9a-f-]{36}$/i;

type PersonRow = {
	id: string;
	name: string;
	email: string;
	job_title: string | null;
	unit_id: string | null;
	unit_name: string | null;
	manager_id: string | null;
	manager_name: string | null;
	account_id: string | null;
	account_status: AccountStatus | null;
};

const PERSON_SQL = `select e.id, e.name, e.email, e.job_title, e.unit_id, u.name as unit_name,
    e.manager_id, mgr.name as manager_name, a.id as account_id, a.status as account_status
  from employee e
  left join org_unit u on u.id = e.unit_id
  left join employee mgr on mgr.id = e.manager_id
  left join user_account a on a.organisation_id = e.organisation_id and a.employee_id = e.id`;

type RoleRow = {
	id: string;
	role: Role;
	scope_unit_id: string | null;
	scope_unit_name: string | null;
	employee_id: string | null;
	account_id: string | null;
};

async function rolesOf(db: Db, orgId: string, employeeIds: string[]): Promise<RoleRow[]> {
	return db.query<RoleRow>(
		`select r.id, r.role, r.scope_unit_id, u.name as scope_unit_name,
		   coalesce(r.employee_id, a.employee_id) as employee_id, r.account_id
		 from role_assignment r
		 left join user_account a on a.id = r.account_id
		 left join org_unit u on u.id = r.scope_unit_id
		 where r.organisation_id = $1
		   and (r.employee_id = any($2::uuid[]) or a.employee_id = any($2::uuid[]))
		 order by r.role, u.name nulls first`,
		[orgId, employeeIds]
	);
}

function toRoleView(row: RoleRow): RoleView {
	return {
		id: row.id,
		role: row.role,
		scopeUnitId: row.scope_unit_id,
		scopeUnitName: row.scope_unit_name,
		holder: row.account_id ? 'account' : 'employee'
	};
}

function toSummary(row: PersonRow, roles: RoleRow[]): PersonSummary {
	return {
		id: row.id,
		name: row.name,
		email: row.email,
		jobTitle: row.job_title,
		unitName: row.unit_name,
		managerName: row.manager_name,
		accountStatus: row.account_status,
		roles: roles.filter((r) => r.employee_id === row.id).map(toRoleView)
	};
}

/** Everyone in the organisation (or those whose name, email or title match `query`), by name. */
export async function listPeople(
	em: EntityManager,
	orgId: string,
	filter: { query?: string } = {}
): Promise<PersonSummary[]> {
	return transaction(em, async (db) => {
		const needle = filter.query?.trim() ? `%${filter.query.trim()}%` : null;
		const rows = await db.query<PersonRow>(
			`${PERSON_SQL} where e.organisation_id = $1 and ($2::text is null
			   or e.name ilike $2 or e.email ilike $2 or e.job_title ilike $2 or u.name ilike $2)
			 order by e.name`,
			[orgId, needle]
		);
		const roles = await rolesOf(
			db,
			orgId,
			rows.map((r) => r.id)
		);
		return rows.map((row) => toSummary(row, roles));
	});
}

async function loadPerson(
	db: Db,
	orgId: string,
	employeeId: string,
	now: Date
): Promise<PersonDetail> {
	if (!UUID.test(employeeId)) throw AppError.notFound('person', employeeId);
	const rows = await db.query<
		PersonRow & {
			country: string | null;
			locale: string;
			time_zone: string;
			hire_date: string | null;
			account_email: string | null;
			last_sign_in_at: Date | null;
			active_sessions: number;
			reports: number;
		}
	>(
		`select p.*, e.country, e.locale, e.time_zone, e.hire_date::text as hire_date,
		   a.email as account_email, a.last_sign_in_at,
		   (select count(*)::int from session s where s.account_id = p.account_id
		      and s.revoked_at is null and s.expires_at > $3) as active_sessions,
		   (select count(*)::int from employee r where r.organisation_id = $1 and r.manager_id = p.id) as reports
		 from (${PERSON_SQL} where e.organisation_id = $1 and e.id = $2) p
		 join employee e on e.id = p.id
		 left join user_account a on a.id = p.account_id`,
		[orgId, employeeId, now]
	);
	const row = rows[0];
	if (!row) throw AppError.notFound('person', employeeId);
	const roles = await rolesOf(db, orgId, [employeeId]);
	return {
		...toSummary(row, roles),
		unitId: row.unit_id,
		managerId: row.manager_id,
		country: row.country,
		locale: row.locale,
		timeZone: row.time_zone,
		hireDate: row.hire_date,
		reports: row.reports,
		account:
			row.account_id && row.account_status
				? {
						id: row.account_id,
						email: row.account_email ?? row.email,
						status: row.account_status,
						lastSignInAt: row.last_sign_in_at ? new Date(row.last_sign_in_at).toISOString() : null,
						activeSessions: row.active_sessions
					}
				: null
	};
}

/** One person with their account, roles and the org units a role can be scoped to. */
export async function getPerson(
	em: EntityManager,
	orgId: string,
	employeeId: string,
	now: Date
): Promise<{ person: PersonDetail; units: UnitOption[] }> {
	return transaction(em, async (db) => ({
		person: await loadPerson(db, orgId, employeeId, now),
		units: await loadUnits(db, orgId)
	}));
}

/** The org tree in depth-first order, for scope pickers. */
export async function loadUnits(db: Db, orgId: string): Promise<UnitOption[]> {
	return db.query<UnitOption>(
		`with recursive tree(id, name, kind, depth, path) as (
		   select id, name, kind, 0, array[name] from org_unit where organisation_id = $1 and parent_id is null
		   union all
		   select u.id, u.name, u.kind, t.depth + 1, t.path || u.name
		     from org_unit u join tree t on u.parent_id = t.id where u.organisation_id = $1
		 ) select id, name, kind, depth from tree order by path`,
		[orgId]
	);
}

/** Grants a role over the organisation (`scopeUnitId` null) or a unit's subtree. Audited. */
export async function assignRole(
	em: EntityManager,
	orgId: string,
	input: { employeeId: string; role: Role; scopeUnitId: string | null },
	actor: AdminActor
): Promise<RoleView> {
	return transaction(em, async (db) => {
		const person = await loadPerson(db, orgId, input.employeeId, actor.now);
		if (input.scopeUnitId !== null) {
			const unit = await db.query('select 1 from org_unit where organisation_id = $1 and id = $2', [
				orgId,
				input.scopeUnitId
			]);
			if (!UUID.test(input.scopeUnitId) || unit.length === 0)
				throw AppError.badRequest('Unknown unit', 'scopeUnitId');
		}
		const held = person.roles.some(
			(r) => r.role === input.role && r.scopeUnitId === input.scopeUnitId
		);
		if (held) throw AppError.conflict('The person holds this role already', { path: 'role' });
		const id = randomUUID();
		await db.query(
			`insert into role_assignment (id, organisation_id, employee_id, role, scope_unit_id, created_by, created_at)
			 values ($1, $2, $3, $4, $5, $6, $7)`,
			[id, orgId, input.employeeId, input.role, input.scopeUnitId, actor.accountId, actor.now]
		);
		const after = {
			employeeId: input.employeeId,
			name: person.name,
			role: input.role,
			scopeUnitId: input.scopeUnitId
		};
		await recordAudit(db.em, {
			organisationId: orgId,
			actor: auditActor(actor),
			action: 'role.assign',
			entity: 'role_assignment',
			entityId: id,
			after,
			at: actor.now
		});
		const unitName =
			input.scopeUnitId === null
				? null
				: ((await loadUnits(db, orgId)).find((u) => u.id === input.scopeUnitId)?.name ?? null);
		return {
			id,
			role: input.role,
			scopeUnitId: input.scopeUnitId,
			scopeUnitName: unitName,
			holder: 'employee'
		};
	});
}

/** Takes a role back (one held by the person's record or their account). Audited. */
export async function removeRole(
	em: EntityManager,
	orgId: string,
	input: { employeeId: string; assignmentId: string },
	actor: AdminActor
): Promise<void> {
	await transaction(em, async (db) => {
		const person = await loadPerson(db, orgId, input.employeeId, actor.now);
		const role = person.roles.find((r) => r.id === input.assignmentId);
		if (!role) throw AppError.notFound('role assignment', input.assignmentId);
		if (actor.accountId === person.account?.id && role.role === 'admin') {
			// Removing one's own admin role would lock the only admin out mid-change.
			throw AppError.conflict('You cannot remove your own admin role', { path: 'role' });
		}
		await db.query('delete from role_assignment where organisation_id = $1 and id = $2', [
			orgId,
			role.id
		]);
		await recordAudit(db.em, {
			organisationId: orgId,
			actor: auditActor(actor),
			action: 'role.remove',
			entity: 'role_assignment',
			entityId: role.id,
			before: {
				employeeId: input.employeeId,
				name: person.name,
				role: role.role,
				scopeUnitId: role.scopeUnitId
			},
			at: actor.now
		});
	});
}

/**
 * An invitation (no account yet, or one not accepted) or a reset link (an active account).
 * The token is only in the return value: the admin sees it once and passes it on.
 */
export async function issuePersonLink(
	em: EntityManager,
	orgId: string,
	input: { employeeId: string; kind: 'invitation' | 'reset' },
	actor: AdminActor
): Promise<IssuedLink> {
	return transaction(em, async (db) => {
		const person = await loadPerson(db, orgId, input.employeeId, actor.now);
		const issuedBy = auditActor(actor);
		if (input.kind === 'reset') {
			if (!person.account || person.account.status !== 'active')
				throw AppError.conflict('Only an active account can get a reset link', { path: 'kind' });
			return issuePasswordReset(db.em, {
				organisationId: orgId,
				accountId: person.account.id,
				issuedBy,
				now: actor.now
			});
		}
		if (person.account && person.account.status !== 'invited')
			throw AppError.conflict('This person has an account already', { path: 'kind' });
		return issueInvitation(db.em, {
			organisationId: orgId,
			email: person.account?.email ?? person.email,
			employeeId: person.id,
			issuedBy,
			now: actor.now
		});
	});
}

/** Signs the person out everywhere. Audited with the number of sessions ended. */
export async function revokePersonSessions(
	em: EntityManager,
	orgId: string,
	employeeId: string,
	actor: AdminActor
): Promise<number> {
	return transaction(em, async (db) => {
		const person = await loadPerson(db, orgId, employeeId, actor.now);
		if (!person.account) throw AppError.conflict('This person has no account', { path: 'account' });
		const ended = await revokeAccountSessions(db.em, orgId, person.account.id, actor.now);
		await recordAudit(db.em, {
			organisationId: orgId,
			actor: auditActor(actor),
			action: 'auth.sessions_revoked',
			entity: 'user_account',
			entityId: person.account.id,
			after: { sessions: ended },
			at: actor.now
		});
		return ended;
	});
}
