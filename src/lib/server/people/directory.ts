/**
 * The organisation's directory: who is who, for pickers, goal owners and the API. Names,
 * managers, units and job titles are visible to everyone signed in (`person.read`); nothing
 * confidential (accounts, roles, hire dates) is in it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { transaction } from '../domain/db';

export type DirectoryEntry = {
	id: string;
	name: string;
	email: string;
	jobTitle: string | null;
	manager: { id: string; name: string } | null;
	unit: { id: string; name: string } | null;
};

export async function listDirectory(
	em: EntityManager,
	orgId: string,
	filter: { query?: string; unitId?: string; managerId?: string } = {}
): Promise<DirectoryEntry[]> {
	const needle = filter.query?.trim() ? `%${filter.query.trim()}%` : null;
	const rows = await transaction(em, (db) =>
		db.query<{
			id: string;
			name: string;
			email: string;
			job_title: string | null;
			manager_id: string | null;
			manager_name: string | null;
			unit_id: string | null;
			unit_name: string | null;
		}>(
			`select e.id, e.name, e.email, e.job_title, m.id as manager_id, m.name as manager_name,
			   u.id as unit_id, u.name as unit_name
			 from employee e
			 left join employee m on m.id = e.manager_id and m.organisation_id = e.organisation_id
			 left join org_unit u on u.id = e.unit_id and u.organisation_id = e.organisation_id
			 where e.organisation_id = $1
			   and ($2::text is null or e.name ilike $2 or e.email ilike $2 or e.job_title ilike $2)
			   and ($3::uuid is null or e.unit_id = $3) and ($4::uuid is null or e.manager_id = $4)
			 order by e.name, e.id`,
			[orgId, needle, filter.unitId ?? null, filter.managerId ?? null]
		)
	);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		email: r.email,
		jobTitle: r.job_title,
		manager: r.manager_id ? { id: r.manager_id, name: r.manager_name ?? '' } : null,
		unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null
	}));
}
