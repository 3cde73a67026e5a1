/**
 * The incremental roll-up: after key results move, only their ancestors are recomputed. One
 * recursive CTE (JIT off: it costs more than it saves on these plans) loads the ancestors and
 * their children with the stored progress; the domain's pure roll-up does the arithmetic, and
 * the changed values are written back in one statement.
 */
import { buildGoalIndex, type Goal } from '../../../domain/goals';
import { objectiveProgress, rollUpIncrementally } from '../../../domain/rollup';
import type { Db } from '../db';

type TreeRow = {
	id: string;
	parent_id: string | null;
	kind: Goal['kind'];
	weight: number;
	status: Goal['status'];
	progress: number;
};

// Joins, not `in (subquery)`: with 100k seeds a subquery that outgrows work_mem is scanned
// once per goal row (quadratic), while hash joins and unions spill and stay linear.
const TREE_SQL = `
with recursive up(id) as (
  select g.parent_id from unnest($2::uuid[]) as s(id)
  join goal g on g.id = s.id and g.organisation_id = $1 where g.parent_id is not null
  union
  select g.parent_id from goal g join up on g.id = up.id
  where g.organisation_id = $1 and g.parent_id is not null
), scope(id) as (select id from up union select unnest($2::uuid[])),
ids(id) as (select id from scope union select c.id from scope s join goal c on c.parent_id = s.id and c.organisation_id = $1)
select g.id, g.parent_id, g.kind, g.weight, g.status, g.progress from ids join goal g on g.id = ids.id
where g.organisation_id = $1`;

function asGoal(row: TreeRow): Goal {
	// The roll-up reads only the tree shape, weights and status.
	return {
		id: row.id,
		kind: row.kind,
		parentId: row.parent_id,
		weight: row.weight,
		status: row.status,
		title: {},
		owner: { kind: 'unit', id: '' },
		startDate: '',
		dueDate: '',
		supports: []
	};
}

/**
 * Propagates changed goal values up the cascade. `changed` holds new progress of goals
 * already written (key results); `dirty` names objectives whose children changed shape
 * (re-weighted, re-parented, archived). Returns every goal whose stored progress moved.
 */
export async function rollUp(
	db: Db,
	orgId: string,
	changed: ReadonlyMap<string, number>,
	dirty: readonly string[] = []
): Promise<Map<string, number>> {
	const seeds = [...new Set([...changed.keys(), ...dirty])];
	if (seeds.length === 0) return new Map();
	await db.query('set local jit = off');
	const rows = await db.query<TreeRow>(TREE_SQL, [orgId, seeds]);
	const index = buildGoalIndex(rows.map(asGoal));
	const stored = new Map(rows.map((row) => [row.id, row.progress]));
	const working = new Map(stored);
	for (const [id, value] of changed) working.set(id, value);
	const leaves = new Map(changed);
	for (const id of dirty) {
		if (index.byId.has(id)) leaves.set(id, objectiveProgress(index, id, working));
	}
	// The changed goals are written already: drop them from the baseline so they propagate.
	for (const id of changed.keys()) stored.delete(id);
	const delta = rollUpIncrementally(index, stored, leaves);
	const ids: string[] = [];
	const values: number[] = [];
	for (const [id, value] of delta.values) {
		if (changed.has(id)) continue;
		ids.push(id);
		values.push(value);
	}
	if (ids.length > 0) {
		await db.query(
			`update goal g set progress = v.progress, progress_at = now()
			 from unnest($2::uuid[], $3::float8[]) as v(id, progress)
			 where g.organisation_id = $1 and g.id = v.id`,
			[orgId, ids, values]
		);
	}
	return new Map(delta.values);
}
