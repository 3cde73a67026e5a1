/**
 * A person's page: who they are, their goals with progress, each key result's trend and
 * alerts, and the other metrics recorded for them (Li Si's weekly commits) with their alerts.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TrendAlert } from '../../domain/analytics';
import type { MetricUnit } from '../../domain/metrics';
import type { KeyResultProgress } from '../../domain/progress';
import type { LocalizedText } from '../../domain/result';
import { declineRuns, type PastAlert } from '../../components/goals/alerts';
import type { TrendPoint } from '../../components/goals/trend';
import type { CascadeGoal, NameText } from '../../components/goals/types';
import { AppError } from '../runtime/errors';
import { transaction } from '../domain/db';
import { goalReport, listGoals } from '../domain/goals/read';
import type { Actor } from '../policy/types';
import { departmentOf, loadOrgFacts, toCascadeGoal } from './org';
import { readableGoals } from './visibility';
import { feedbackMarkers } from './feedback';
import { HISTORY_DAYS, keyResultTrend, weeklySeries, type KeyResultTrend } from './trend';

export type PersonKeyResult = {
	goal: CascadeGoal;
	measured: KeyResultProgress | null;
	pace: number | null;
	alerts: TrendAlert[];
	trend: KeyResultTrend | null;
};

export type PersonMetric = {
	key: string;
	name: LocalizedText;
	unit: MetricUnit;
	weekly: TrendPoint[];
	pastAlerts: PastAlert[];
};

export type PersonView = {
	person: {
		id: string;
		name: NameText;
		jobTitle: string | null;
		unitName: NameText | null;
		departmentName: NameText | null;
		manager: { id: string; name: NameText } | null;
		reports: { id: string; name: NameText; jobTitle: string | null }[];
	};
	objectives: CascadeGoal[];
	keyResults: PersonKeyResult[];
	metrics: PersonMetric[];
	today: string;
};

export async function personView(
	em: EntityManager,
	orgId: string,
	employeeId: string,
	now: Date,
	actor: Actor
): Promise<PersonView> {
	const facts = await loadOrgFacts(em, orgId);
	const person = facts.people.get(employeeId);
	if (!person) throw AppError.notFound('employee', employeeId);
	const today = now.toISOString().slice(0, 10);
	const owned = await readableGoals(em, actor, await listGoals(em, orgId, { ownerId: employeeId }));
	const goals = owned.map((g) => ({
		view: g,
		goal: toCascadeGoal(g, facts)
	}));
	const keyResults: PersonKeyResult[] = [];
	for (const { goal } of goals.filter((g) => g.goal.kind === 'key_result')) {
		const report = await goalReport(em, orgId, goal.id, now);
		const trend = await keyResultTrend(em, orgId, report, today);
		if (trend)
			trend.model.events = await feedbackMarkers(em, orgId, actor, report.goal, trend.model);
		keyResults.push({
			goal,
			measured: report.measured,
			pace: trend ? trend.pace : report.pace,
			alerts: report.alerts,
			trend
		});
	}
	keyResults.sort((a, b) => b.goal.weight - a.goal.weight);
	const bound = new Set(goals.map((g) => g.goal.metric?.key).filter(Boolean));
	const recorded = await transaction(em, (db) =>
		db.query<{ key: string }>(
			`select distinct m.key from metric_value v join metric_definition m on m.id = v.metric_id
			  where v.organisation_id = $1 and v.subject_id = $2 and v.at >= $3::date order by m.key`,
			[
				orgId,
				employeeId,
				new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10)
			]
		)
	);
	const metrics: PersonMetric[] = [];
	for (const { key } of recorded) {
		const definition = facts.metrics.get(key);
		if (!definition || bound.has(key) || definition.period !== 'week') continue;
		const weekly = await weeklySeries(em, orgId, { metricKey: key, subjectId: employeeId, today });
		metrics.push({
			key,
			name: definition.name,
			unit: definition.unit,
			weekly,
			pastAlerts: declineRuns(weekly)
		});
	}
	const unit = person.unit_id ? facts.units.get(person.unit_id) : undefined;
	const manager = person.manager_id ? facts.people.get(person.manager_id) : undefined;
	return {
		person: {
			id: person.id,
			name: person.name,
			jobTitle: person.job_title,
			unitName: unit?.name ?? null,
			departmentName: departmentOf(facts, person.unit_id)?.name ?? null,
			manager: manager ? { id: manager.id, name: manager.name } : null,
			reports: [...facts.people.values()]
				.filter((p) => p.manager_id === employeeId)
				.map((p) => ({ id: p.id, name: p.name, jobTitle: p.job_title }))
		},
		objectives: goals.filter((g) => g.goal.kind === 'objective').map((g) => g.goal),
		keyResults,
		metrics,
		today
	};
}
