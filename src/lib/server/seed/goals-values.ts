/** Seeding goals and metric values from the domain's plain objects (refs mapped to uuids). */
import type { Goal } from '../../domain/goals';
import type { MetricValue } from '../../domain/metrics';
import type { Db } from '../domain/db';
import { insertGoals } from '../domain/goals/rows';
import type { ResolvedValues } from '../domain/ingest/resolve';
import { storeValues } from '../domain/ingest/store';
import { refId } from './ids';

const GOAL_BATCH = 5_000;

export async function insertSeedGoals(
	db: Db,
	orgId: string,
	goals: readonly Goal[],
	metricIds: ReadonlyMap<string, string>
): Promise<string[]> {
	const id = (ref: string) => refId(orgId, ref);
	const mapped = goals.map((goal) => ({
		...goal,
		id: id(goal.id),
		parentId: goal.parentId ? id(goal.parentId) : null,
		owner: { kind: goal.owner.kind, id: id(goal.owner.id) },
		supports: goal.supports.map(id),
		...(goal.metric
			? {
					metric: {
						...goal.metric,
						...(goal.metric.subjectId ? { subjectId: id(goal.metric.subjectId) } : {})
					}
				}
			: {}),
		metricId: goal.metric ? (metricIds.get(goal.metric.metricKey) ?? null) : null
	}));
	// Parents first, so that every batch's parents exist already.
	const depth = new Map<string, number>();
	const byId = new Map(mapped.map((g) => [g.id, g]));
	const depthOf = (g: (typeof mapped)[number]): number => {
		const known = depth.get(g.id);
		if (known !== undefined) return known;
		const parent = g.parentId ? byId.get(g.parentId) : undefined;
		const value = parent ? depthOf(parent) + 1 : 0;
		depth.set(g.id, value);
		return value;
	};
	mapped.sort((a, b) => depthOf(a) - depthOf(b));
	for (let start = 0; start < mapped.length; start += GOAL_BATCH) {
		await insertGoals(db, orgId, mapped.slice(start, start + GOAL_BATCH));
	}
	return mapped.filter((g) => g.metricId).map((g) => g.id);
}

/** Stores metric values (a subject ref is a unit when `unitRefs` has it, else a person). */
export async function insertSeedValues(
	db: Db,
	orgId: string,
	values: Iterable<MetricValue>,
	metricIds: ReadonlyMap<string, string>,
	unitRefs: ReadonlySet<string>,
	source = 'seed'
): Promise<number> {
	const columns: ResolvedValues = {
		metricId: [],
		subjectId: [],
		subjectKind: [],
		at: [],
		sourceId: [],
		value: []
	};
	const cache = new Map<string, string>();
	for (const value of values) {
		const metricId = metricIds.get(value.metricKey);
		if (!metricId) continue;
		let subject = cache.get(value.subjectId);
		if (!subject) cache.set(value.subjectId, (subject = refId(orgId, value.subjectId)));
		columns.metricId.push(metricId);
		columns.subjectId.push(subject);
		columns.subjectKind.push(unitRefs.has(value.subjectId) ? 'unit' : 'person');
		columns.at.push(value.date);
		columns.sourceId.push('');
		columns.value.push(value.value);
	}
	const stored = await storeValues(db, orgId, source, columns);
	return stored.inserted + stored.updated;
}
