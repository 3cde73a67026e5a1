import type { Actor } from '../policy/types';

/** The role tasks an actor sees: organisation-wide grants, and unit-scoped ones by unit. */
export type RoleReach = { roles: string[]; scoped: { role: string; unitId: string }[] };

export function roleReach(actor: Actor): RoleReach {
	const roles = new Set<string>();
	const scoped: { role: string; unitId: string }[] = [];
	for (const grant of actor.grants) {
		if (grant.scopeUnitId === null) roles.add(grant.role);
		else scoped.push({ role: grant.role, unitId: grant.scopeUnitId });
	}
	return { roles: [...roles], scoped };
}

/**
 * SQL (with `?` placeholders, in this order: employeeId, roles json, scoped json) that is true
 * when task `t` of subject `e` is assigned to the actor, in person or through a role.
 */
export const ASSIGNED_TO_ACTOR = `(
  (t.assignee_person_id is not null and t.assignee_person_id = ?::uuid)
  or (t.assignee_role is not null and t.assignee_role in (select jsonb_array_elements_text(?::jsonb)))
  or (t.assignee_role is not null and exists (
    with recursive up(id, parent_id, depth) as (
      select u.id, u.parent_id, 0 from org_unit u where u.id = e.unit_id
      union all select u.id, u.parent_id, up.depth + 1 from org_unit u join up on u.id = up.parent_id where up.depth < 32
    )
    select 1 from up join jsonb_to_recordset(?::jsonb) as g(role text, "unitId" uuid)
      on g."unitId" = up.id and g.role = t.assignee_role)))`;

export function assignedParams(actor: Actor): unknown[] {
	const reach = roleReach(actor);
	return [actor.employeeId, JSON.stringify(reach.roles), JSON.stringify(reach.scoped)];
}
