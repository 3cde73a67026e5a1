/**
 * Policy targets for lists: the facts (manager chain, unit ancestry) of many people or units
 * in one statement, so a list endpoint can ask `authorize` about every row and drop the ones
 * the actor may not see. A unit-owned goal is judged by the unit's ancestry alone (no person:
 * hr in scope sees its private goals).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { transaction } from '../domain/db';
import { authorize } from '../policy/decide';
import type { Actor, Permission, PersonFacts, Target } from '../policy/types';

export type Owner = { kind: 'person' | 'unit'; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const FACTS_SQL = `with recursive chain(start_id, id, manager_id, depth, path) as (
   select e.id, e.id, e.manager_id, 0, array[e.id] from employee e
    where e.organisation_id = $1 and e.id = any($2::uuid[])
   union all
   select c.start_id, m.id, m.manager_id, c.depth + 1, c.path || m.id
     from employee m join chain c on m.id = c.manager_id
    where m.organisation_id = $1 and not m.id = any(c.path)
 ), starts(start_id, unit_id) as (
   select e.id, e.unit_id from employee e
    where e.organisation_id = $1 and e.id = any($2::uuid[]) and e.unit_id is not null
   union all
   select u.id, u.id from org_unit u where u.organisation_id = $1 and u.id = any($3::uuid[])
 ), units(start_id, id, parent_id, depth, path) as (
   select s.start_id, u.id, u.parent_id, 0, array[u.id] from starts s join org_unit u on u.id = s.unit_id
   union all
   select w.start_id, u.id, u.parent_id, w.depth + 1, w.path || u.id
     from org_unit u join units w on u.id = w.parent_id
    where u.organisation_id = $1 and not u.id = any(w.path)
 )
 select 'chain' as kind, start_id, id, depth from chain
 union all select 'unit', start_id, id, depth from units
 order by kind, start_id, depth`;

/** Facts of each owner that exists in `orgId`, keyed `person:<id>` / `unit:<id>`. */
export async function loadOwnerFacts(
	em: EntityManager,
	orgId: string,
	owners: readonly Owner[]
): Promise<Map<string, PersonFacts>> {
	const valid = owners.filter((o) => UUID.test(o.id));
	const people = [...new Set(valid.filter((o) => o.kind === 'person').map((o) => o.id))];
	const units = [...new Set(valid.filter((o) => o.kind === 'unit').map((o) => o.id))];
	const facts = new Map<string, PersonFacts>();
	if (people.length === 0 && units.length === 0) return facts;
	const rows = await transaction(em, (db) =>
		db.query<{ kind: 'chain' | 'unit'; start_id: string; id: string; depth: number }>(FACTS_SQL, [
			orgId,
			people,
			units
		])
	);
	const personSet = new Set(people);
	type Building = { managerChain: string[]; unitAncestry: string[] } & PersonFacts;
	const building = new Map<string, Building>();
	const entry = (key: string, employeeId: string): Building => {
		let found = building.get(key);
		if (!found) {
			found = { organisationId: orgId, employeeId, managerChain: [], unitAncestry: [] };
			building.set(key, found);
			facts.set(key, found);
		}
		return found;
	};
	for (const row of rows) {
		if (row.kind === 'chain') {
			const target = entry(`person:${row.start_id}`, row.start_id);
			if (row.depth > 0) target.managerChain.push(row.id);
		} else if (personSet.has(row.start_id)) {
			entry(`person:${row.start_id}`, row.start_id).unitAncestry.push(row.id);
		}
		if (row.kind === 'unit' && units.includes(row.start_id)) {
			// A unit's goals have no person behind them: an employee id nobody holds.
			entry(`unit:${row.start_id}`, '').unitAncestry.push(row.id);
		}
	}
	return facts;
}

/** The target for one owner (404 semantics are the caller's: null when the owner is unknown). */
export async function ownerTarget(
	em: EntityManager,
	orgId: string,
	owner: Owner,
	visibility?: 'visible' | 'private'
): Promise<Target | null> {
	const facts = (await loadOwnerFacts(em, orgId, [owner])).get(`${owner.kind}:${owner.id}`);
	if (!facts) return null;
	return { kind: 'person', ...facts, ...(visibility ? { visibility } : {}) };
}

/**
 * The rows the actor may see: each row's owner is asked about `permission`. Rows whose owner
 * is unknown are dropped too (they do not exist for this organisation).
 */
export async function filterByPolicy<Row>(
	em: EntityManager,
	actor: Actor,
	permission: Permission,
	rows: readonly Row[],
	ownerOf: (row: Row) => Owner,
	visibilityOf?: (row: Row) => 'visible' | 'private'
): Promise<Row[]> {
	// Rows whose answer does not depend on the person (visible goals) need no facts.
	const needsFacts = rows.filter((row) => visibilityOf?.(row) !== 'visible');
	const facts = await loadOwnerFacts(em, actor.organisationId, needsFacts.map(ownerOf));
	return rows.filter((row) => {
		const visibility = visibilityOf?.(row);
		if (visibility === 'visible') return true;
		const owner = ownerOf(row);
		const known = facts.get(`${owner.kind}:${owner.id}`);
		if (!known) return false;
		const target: Target = { kind: 'person', ...known, ...(visibility ? { visibility } : {}) };
		return authorize(actor, permission, target).allowed;
	});
}
