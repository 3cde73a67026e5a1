import type { EntityManager } from '@mikro-orm/postgresql';
import { execute } from '../auth/sql';
import { ROLES, type Actor, type PersonFacts, type Role, type RoleGrant } from './types';

/**
 * The actor for an account: its own grants, the grants given to its employee record, and
 * `manager` implied while the employee has reports (so the org tree alone decides who is one).
 */
export async function loadActor(
	em: EntityManager,
	account: { organisationId: string; accountId: string; employeeId: string | null }
): Promise<Actor> {
	const rows = await execute<{ role: string; scope_unit_id: string | null }>(
		em,
		`select role, scope_unit_id from role_assignment
		  where organisation_id = ? and (account_id = ? or (employee_id is not null and employee_id = ?))`,
		[account.organisationId, account.accountId, account.employeeId]
	);
	const grants: RoleGrant[] = rows
		.filter((row) => (ROLES as readonly string[]).includes(row.role))
		.map((row) => ({ role: row.role as Role, scopeUnitId: row.scope_unit_id }));
	if (account.employeeId && !grants.some((g) => g.role === 'manager')) {
		const reports = await execute(
			em,
			`select 1 from employee where organisation_id = ? and manager_id = ? limit 1`,
			[account.organisationId, account.employeeId]
		);
		if (reports.length) grants.push({ role: 'manager', scopeUnitId: null });
	}
	return { ...account, grants };
}

/**
 * A person's manager chain and unit ancestry (nearest first), or null when the person is not
 * in `organisationId` — which callers answer with 404, as if nobody by that id existed.
 */
export async function loadPersonFacts(
	em: EntityManager,
	organisationId: string,
	employeeId: string
): Promise<PersonFacts | null> {
	if (!/^[0-9a-f-]{36}$/i.test(employeeId)) return null;
	const chain = await execute<{ id: string; depth: number }>(
		em,
		`with recursive up(id, manager_id, depth, path) as (
		   select id, manager_id, 0, array[id] from employee where organisation_id = ? and id = ?
		   union all
		   select e.id, e.manager_id, up.depth + 1, up.path || e.id
		     from employee e join up on e.id = up.manager_id
		    where e.organisation_id = ? and not e.id = any(up.path)
		 ) select id, depth from up order by depth`,
		[organisationId, employeeId, organisationId]
	);
	if (!chain.length) return null;
	const units = await execute<{ id: string }>(
		em,
		`with recursive up(id, parent_id, depth, path) as (
		   select u.id, u.parent_id, 0, array[u.id] from org_unit u
		     join employee e on e.unit_id = u.id where e.organisation_id = ? and e.id = ?
		   union all
		   select u.id, u.parent_id, up.depth + 1, up.path || u.id
		     from org_unit u join up on u.id = up.parent_id
		    where u.organisation_id = ? and not u.id = any(up.path)
		 ) select id from up order by depth`,
		[organisationId, employeeId, organisationId]
	);
	return {
		organisationId,
		employeeId,
		managerChain: chain.slice(1).map((row) => row.id),
		unitAncestry: units.map((row) => row.id)
	};
}
