import type { Subject } from './engine-port';

export type ChainRow = {
	id: string;
	name: string;
	email: string;
	manager_id: string | null;
	unit_id: string | null;
	job_title: string | null;
	country: string | null;
	locale: string;
	time_zone: string;
	hire_date: string | null;
	depth: number;
};

/** The manager chain of a subject as a recursive CTE named `chain` (SQL expressions in). */
export function chainCte(subjectExpr: string, orgExpr: string): string {
	return `chain as (
  select e.id, e.name, e.email, e.manager_id, e.unit_id, e.job_title, e.country, e.locale,
         e.time_zone, e.hire_date::text as hire_date, 0 as depth
  from employee e where e.id = ${subjectExpr} and e.organisation_id = ${orgExpr}
  union all
  select m.id, m.name, m.email, m.manager_id, m.unit_id, m.job_title, m.country, m.locale,
         m.time_zone, m.hire_date::text, c.depth + 1
  from employee m join chain c on m.id = c.manager_id
  where c.depth < 8 and m.organisation_id = ${orgExpr}
)`;
}

/** Builds the `subject` object expressions see from the employee and its manager chain. */
export function subjectFromChain(rows: ChainRow[]): Subject | undefined {
	const sorted = [...rows].sort((a, b) => a.depth - b.depth);
	let manager: Subject | null = null;
	for (let i = sorted.length - 1; i >= 0; i--) {
		const row = sorted[i];
		if (!row) continue;
		manager = {
			id: row.id,
			name: row.name,
			email: row.email,
			managerId: row.manager_id,
			unitId: row.unit_id,
			jobTitle: row.job_title,
			country: row.country,
			locale: row.locale,
			timeZone: row.time_zone,
			hireDate: row.hire_date,
			// Always present, so `has(subject.metrics.x)` is false rather than an evaluation error
			// until the domain supplies the subject's metrics and progress.
			metrics: {},
			attributes: {},
			manager
		};
	}
	return manager ?? undefined;
}
