import type { EntityManager } from '@mikro-orm/postgresql';
import { execute } from '../auth/sql';
import { transaction } from '../domain/db';
import { listEvaluations, rescoreLive } from '../domain/scoring/evaluations';
import { loadSchemes } from '../domain/scoring/schemes';
import { pickLocalised } from '../../ui/format';
import type { TaskDetail } from './detail';

/** What a task page shows beside its form: progress, the computed grade, choice sources. */
export type TaskExtras = {
	progress: {
		id: string;
		title: string;
		progress: number;
		currentValue: number | null;
		target: number | null;
	}[];
	grade: {
		score: number | null;
		grade: string | null;
		label: string | null;
		raiseMinPercent: number | null;
		raiseMaxPercent: number | null;
		isPromotionEligible: boolean;
		/** The scheme that scored it and how each weighted item counted. */
		schemeName: string | null;
		items: {
			key: string;
			label: string;
			weight: number;
			/** Percent of target, null when nothing backs the item. */
			attainment: number | null;
			/** Score points the item adds. */
			contribution: number;
		}[];
	} | null;
	sources: Record<string, { value: string; label: string }[]>;
};

/** Forms that judge a person: their page shows the grade computed from the weighted KPIs. */
const GRADE_FORMS = new Set(['evaluation', 'calibration', 'outcomeApproval']);

function hints(task: TaskDetail): Record<string, unknown> {
	return (task.form?.ui?.['ui:options'] ?? {}) as Record<string, unknown>;
}

export async function taskExtras(options: {
	em: EntityManager;
	orgId: string;
	task: TaskDetail;
	locale: string;
	now: Date;
}): Promise<TaskExtras> {
	const { em, orgId, task, locale } = options;
	const subjectId = task.subject.id;
	const goals = await execute<{
		id: string;
		title: unknown;
		progress: number;
		current_value: number | null;
		target: number | null;
	}>(
		em,
		`select id, title, progress, current_value, target from goal
		  where organisation_id = ?::uuid and owner_kind = 'person' and owner_id = ?::uuid
		    and kind = 'objective' and status in ('active','done') order by created_at, id`,
		[orgId, subjectId]
	);
	const showGrade = hints(task).showGrade === true || GRADE_FORMS.has(task.formKey ?? '');
	let grade: TaskExtras['grade'] = null;
	if (showGrade) {
		// A live score is computed when asked: ask now, so the grade reflects today's metric values.
		await rescoreLive(em, orgId, options.now, { employeeIds: [subjectId] });
		const evaluations = await listEvaluations(em, orgId, { employeeId: subjectId });
		const cycle = (task.data.cycle as { name?: string } | undefined)?.name;
		const chosen = evaluations.find((e) => e.cycle === cycle) ?? evaluations.at(-1);
		const result = chosen?.inputs?.result;
		const scheme = result
			? (await transaction(em, (db) => loadSchemes(db, orgId))).find(
					(s) => s.key === result.schemeId && s.version === result.schemeVersion
				)
			: undefined;
		const labelOf = new Map(scheme?.items.map((item) => [item.key, item.label]) ?? []);
		grade = chosen
			? {
					score: chosen.score,
					grade: chosen.grade,
					label: result?.grade ? pickLocalised(result.grade.label, locale) : chosen.grade,
					raiseMinPercent: result?.outcome?.raiseMinPercent ?? null,
					raiseMaxPercent: result?.outcome?.raiseMaxPercent ?? null,
					isPromotionEligible: result?.outcome?.promotionEligible === true,
					schemeName: scheme ? pickLocalised(scheme.name, locale) : null,
					items: (result?.items ?? []).map((item) => {
						const label = labelOf.get(item.key);
						return {
							key: item.key,
							label: label ? pickLocalised(label, locale) : item.key,
							weight: item.weight,
							attainment: item.attainment,
							contribution: item.contribution
						};
					})
				}
			: {
					score: null,
					grade: null,
					label: null,
					raiseMinPercent: null,
					raiseMaxPercent: null,
					isPromotionEligible: false,
					schemeName: null,
					items: []
				};
	}
	const departmentGoals = await execute<{ id: string; title: unknown }>(
		em,
		`with recursive up(id, parent_id, depth) as (
		   select u.id, u.parent_id, 0 from org_unit u join employee e on e.unit_id = u.id where e.id = ?::uuid
		   union all select u.id, u.parent_id, up.depth + 1 from org_unit u join up on u.id = up.parent_id where up.depth < 16
		 ) select g.id, g.title from goal g join up on g.owner_id = up.id
		  where g.organisation_id = ?::uuid and g.owner_kind = 'unit' and g.kind = 'objective' and g.status = 'active'
		  order by up.depth, g.created_at limit 50`,
		[subjectId, orgId]
	);
	const metrics = await execute<{ key: string; name: unknown }>(
		em,
		`select key, name from metric_definition where organisation_id = ?::uuid order by key limit 200`,
		[orgId]
	);
	return {
		progress: goals.map((g) => ({
			id: g.id,
			title: pickLocalised(g.title as Record<string, string>, locale),
			progress: g.progress,
			currentValue: g.current_value,
			target: g.target
		})),
		grade,
		sources: {
			departmentGoals: departmentGoals.map((g) => ({
				value: g.id,
				label: pickLocalised(g.title as Record<string, string>, locale)
			})),
			metrics: metrics.map((metric) => ({
				value: metric.key,
				label: pickLocalised(metric.name as Record<string, string>, locale)
			}))
		}
	};
}
