/** Batched inserts of org units and employees from the domain's plain objects. */
import type { Employee, OrgUnit } from '../../domain/org';
import { localize } from '../../domain/result';
import type { Db } from '../domain/db';
import { refId } from './ids';

const BATCH = 10_000;

export async function insertUnits(db: Db, orgId: string, units: readonly OrgUnit[]): Promise<void> {
	for (let start = 0; start < units.length; start += BATCH) {
		const batch = units.slice(start, start + BATCH);
		await db.query(
			`insert into org_unit (id, organisation_id, parent_id, kind, name, name_localized)
			 select id, $1, parent_id, kind, name, name_localized
			 from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[])
			   as t(id, parent_id, kind, name, name_localized)`,
			[
				orgId,
				batch.map((u) => refId(orgId, u.id)),
				batch.map((u) => (u.parentId ? refId(orgId, u.parentId) : null)),
				batch.map((u) => u.kind),
				batch.map((u) => localize(u.name, 'en')),
				batch.map((u) => JSON.stringify(u.name))
			]
		);
	}
}

/** Employees (managers may come later in the list: the foreign key is checked per statement). */
export async function insertEmployees(
	db: Db,
	orgId: string,
	people: readonly Employee[],
	units: readonly OrgUnit[]
): Promise<void> {
	for (let start = 0; start < people.length; start += BATCH) {
		const batch = people.slice(start, start + BATCH);
		await db.query(
			`insert into employee (id, organisation_id, name, email, manager_id, unit_id, job_title, country,
			   locale, time_zone, hire_date, job_family, name_localized)
			 select id, $1, name, email, null, unit_id, job_title, country, locale, time_zone, hire_date, job_family, name_localized
			 from unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[],
			   $9::text[], $10::date[], $11::text[], $12::jsonb[])
			   as t(id, name, email, unit_id, job_title, country, locale, time_zone, hire_date, job_family, name_localized)`,
			[
				orgId,
				batch.map((p) => refId(orgId, p.id)),
				batch.map((p) => localize(p.name, 'en')),
				batch.map((p) => p.email),
				batch.map((p) => refId(orgId, p.unitId)),
				batch.map((p) => localize(p.jobTitle, 'en')),
				batch.map((p) => p.country),
				batch.map((p) => p.locale),
				batch.map((p) => p.timeZone),
				batch.map((p) => p.hireDate),
				batch.map((p) => p.jobFamily),
				batch.map((p) => JSON.stringify(p.name))
			]
		);
	}
	// Managers in a second pass, so a batch never points at a person of a later batch.
	const withManager = people.filter((p) => p.managerId !== null);
	for (let start = 0; start < withManager.length; start += BATCH) {
		const batch = withManager.slice(start, start + BATCH);
		await db.query(
			`update employee e set manager_id = t.manager_id
			 from unnest($2::uuid[], $3::uuid[]) as t(id, manager_id)
			 where e.organisation_id = $1 and e.id = t.id`,
			[
				orgId,
				batch.map((p) => refId(orgId, p.id)),
				batch.map((p) => refId(orgId, p.managerId ?? ''))
			]
		);
	}
	const heads = units.filter((u) => u.headId);
	if (heads.length > 0) {
		await db.query(
			`update org_unit u set head_id = t.head_id from unnest($2::uuid[], $3::uuid[]) as t(id, head_id)
			 where u.organisation_id = $1 and u.id = t.id`,
			[orgId, heads.map((u) => refId(orgId, u.id)), heads.map((u) => refId(orgId, u.headId ?? ''))]
		);
	}
}
