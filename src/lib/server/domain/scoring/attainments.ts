/**
 * The inputs of a score: per employee, the attainment (percent of target, may exceed 100) of
 * each weighting item, from the stored progress of their goals: a metric item averages the
 * attainment of their key results bound to that metric, a category item the attainment of
 * their goals of that category. A key result measured per calendar period counts with its
 * last complete period while the running one is incomplete (`goal.scored_attainment`). Computed in one query for any number of people; the people
 * are joined from an unnested array (a hash join), never filtered by `= any(array)`, which
 * compares every row with the whole array and grew quadratically (21 s for 100k).
 */
import type { Attainments } from '../../../domain/scoring';
import { unitAncestry, type OrgUnit } from '../../../domain/org';
import type { SchemeContext, WeightingScheme } from '../../../domain/weighting';
import type { Db } from '../db';

type GoalAttainmentRow = {
	owner_id: string;
	metric_key: string | null;
	category: string | null;
	total: number;
	n: number;
};

export type AttainmentTable = ReadonlyMap<
	string,
	{ byMetric: Map<string, number>; byCategory: Map<string, number> }
>;

export async function loadAttainments(
	db: Db,
	orgId: string,
	employeeIds: readonly string[]
): Promise<AttainmentTable> {
	const rows = await db.query<GoalAttainmentRow>(
		`select g.owner_id, m.key as metric_key, g.category,
		   sum(case when g.kind = 'key_result' and g.metric_id is not null
		     then coalesce(g.scored_attainment, g.attainment) else g.progress end) as total,
		   count(*)::int as n
		 from (select distinct unnest($2::uuid[]) as id) p
		 join goal g on g.organisation_id = $1 and g.owner_id = p.id
		 left join metric_definition m on m.id = g.metric_id
		 where g.owner_kind = 'person' and g.status in ('active', 'done')
		 group by g.owner_id, m.key, g.category`,
		[orgId, employeeIds]
	);
	const sums = new Map<
		string,
		{ metric: Map<string, [number, number]>; category: Map<string, [number, number]> }
	>();
	for (const row of rows) {
		let entry = sums.get(row.owner_id);
		if (!entry) sums.set(row.owner_id, (entry = { metric: new Map(), category: new Map() }));
		const add = (map: Map<string, [number, number]>, key: string) => {
			const [total, n] = map.get(key) ?? [0, 0];
			map.set(key, [total + Number(row.total), n + row.n]);
		};
		if (row.metric_key) add(entry.metric, row.metric_key);
		if (row.category) add(entry.category, row.category);
	}
	const table = new Map<
		string,
		{ byMetric: Map<string, number>; byCategory: Map<string, number> }
	>();
	const mean = (map: Map<string, [number, number]>) =>
		new Map([...map].map(([k, [total, n]]) => [k, total / n]));
	for (const [id, entry] of sums)
		table.set(id, { byMetric: mean(entry.metric), byCategory: mean(entry.category) });
	return table;
}

/** One employee's attainments for a scheme's items (null where they have no such goal). */
export function attainmentsFor(
	table: AttainmentTable,
	employeeId: string,
	scheme: WeightingScheme
): Attainments {
	const entry = table.get(employeeId);
	const result: Record<string, number | null> = {};
	for (const item of scheme.items) {
		const value =
			item.source.kind === 'metric'
				? entry?.byMetric.get(item.source.metricKey)
				: entry?.byCategory.get(item.source.category);
		result[item.key] = value ?? null;
	}
	return result;
}

/** What scheme selection needs per employee: unit ancestry and job family. */
export async function loadContexts(
	db: Db,
	orgId: string,
	employeeIds: readonly string[]
): Promise<Map<string, SchemeContext>> {
	const units = await db.query<{ id: string; parent_id: string | null; kind: OrgUnit['kind'] }>(
		'select id, parent_id, kind from org_unit where organisation_id = $1',
		[orgId]
	);
	const people = await db.query<{ id: string; unit_id: string | null; job_family: string | null }>(
		`select e.id, e.unit_id, e.job_family from (select distinct unnest($2::uuid[]) as id) p
		 join employee e on e.id = p.id where e.organisation_id = $1`,
		[orgId, employeeIds]
	);
	const unitMap = new Map<string, OrgUnit>(
		units.map((u) => [u.id, { id: u.id, kind: u.kind, parentId: u.parent_id, name: {} }])
	);
	const ancestry = new Map<string, string[]>();
	const contexts = new Map<string, SchemeContext>();
	for (const person of people) {
		let chain: string[] = [];
		if (person.unit_id) {
			chain = ancestry.get(person.unit_id) ?? unitAncestry(unitMap, person.unit_id);
			ancestry.set(person.unit_id, chain);
		}
		contexts.set(person.id, { unitAncestry: chain, jobFamily: person.job_family ?? '' });
	}
	return contexts;
}
