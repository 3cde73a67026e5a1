/**
 * The org facts the goal views need beside the goals: unit and person names (per locale when
 * stored so), where each owner sits (company, department, team, person), and metric names.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CascadeGoal, NameText, OwnerLevel } from '../../components/goals/types';
import type { GoalView } from '../domain/goals/read';
import { transaction } from '../domain/db';
import type { MetricUnit } from '../../domain/metrics';
import type { LocalizedText } from '../../domain/result';

type UnitRow = {
	id: string;
	parent_id: string | null;
	kind: 'company' | 'department' | 'team';
	name: NameText;
};
type PersonRow = {
	id: string;
	name: NameText;
	unit_id: string | null;
	manager_id: string | null;
	job_title: string | null;
};
type MetricRow = {
	key: string;
	name: LocalizedText;
	unit: MetricUnit;
	aggregation: string;
	period: string;
	direction: string;
};

export type OrgFacts = {
	units: Map<string, UnitRow>;
	people: Map<string, PersonRow>;
	metrics: Map<string, MetricRow>;
};

export async function loadOrgFacts(em: EntityManager, orgId: string): Promise<OrgFacts> {
	return transaction(em, async (db) => {
		const [units, people, metrics] = await Promise.all([
			db.query<UnitRow>(
				`select id, parent_id, kind, coalesce(name_localized, to_jsonb(name)) as name
				   from org_unit where organisation_id = $1`,
				[orgId]
			),
			db.query<PersonRow>(
				`select id, coalesce(name_localized, to_jsonb(name)) as name, unit_id, manager_id, job_title
				   from employee where organisation_id = $1`,
				[orgId]
			),
			db.query<MetricRow>(
				'select key, name, unit, aggregation, period, direction from metric_definition where organisation_id = $1',
				[orgId]
			)
		]);
		return {
			units: new Map(units.map((u) => [u.id, u])),
			people: new Map(people.map((p) => [p.id, p])),
			metrics: new Map(metrics.map((m) => [m.key, m]))
		};
	});
}

/** The nearest department at or above a unit (the unit itself for a department). */
export function departmentOf(facts: OrgFacts, unitId: string | null): UnitRow | null {
	const seen = new Set<string>();
	let current = unitId ? facts.units.get(unitId) : undefined;
	while (current && !seen.has(current.id)) {
		if (current.kind === 'department') return current;
		seen.add(current.id);
		current = current.parent_id ? facts.units.get(current.parent_id) : undefined;
	}
	return null;
}

/** A goal as the views show it, with its owner placed in the org. */
export function toCascadeGoal(goal: GoalView, facts: OrgFacts): CascadeGoal {
	const isPerson = goal.owner.kind === 'person';
	const person = isPerson ? facts.people.get(goal.owner.id) : undefined;
	const unit = isPerson ? undefined : facts.units.get(goal.owner.id);
	const level: OwnerLevel = isPerson ? 'person' : (unit?.kind ?? 'department');
	const department = departmentOf(facts, isPerson ? (person?.unit_id ?? null) : goal.owner.id);
	const metric = goal.metric ? facts.metrics.get(goal.metric.metricKey) : undefined;
	return {
		id: goal.id,
		kind: goal.kind,
		title: goal.title,
		parentId: goal.parentId,
		status: goal.status,
		weight: goal.weight,
		startDate: goal.startDate,
		dueDate: goal.dueDate,
		owner: {
			kind: goal.owner.kind,
			id: goal.owner.id,
			name: person?.name ?? unit?.name ?? goal.ownerName ?? '',
			level,
			departmentId: department?.id ?? null,
			departmentName: department?.name ?? null
		},
		progress: goal.progress,
		attainment: goal.attainment,
		current: goal.current,
		metric: goal.metric
			? {
					key: goal.metric.metricKey,
					name: metric?.name ?? null,
					baseline: goal.metric.baseline,
					target: goal.metric.target,
					unit: goal.unit ?? metric?.unit ?? null
				}
			: null,
		manual: goal.manual ? { ...goal.manual } : null,
		supports: [...goal.supports]
	};
}
