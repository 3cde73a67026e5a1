/**
 * Goal services. Every change (including a value recorded for a key result measured by hand)
 * goes through the domain's pure change functions (which refuse a
 * cycle, an archived goal, a bad date) and writes, in the same transaction, the new row, a
 * `goal_change` history row (who, when, why, before, after) and the re-computed progress up
 * the cascade.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { buildGoalIndex, validateGoal, type Goal } from '../../../domain/goals';
import {
	archiveGoal,
	recordProgress,
	relinkGoal,
	reparentGoal,
	retargetGoal,
	reweightGoal,
	type GoalChange,
	type RetargetInput
} from '../../../domain/goal-changes';
import { measureProgress } from '../../../domain/progress';
import type { DomainIssue, Result } from '../../../domain/result';
import { AppError } from '../../runtime/errors';
import { audit, type ChangeActor } from '../audit';
import { transaction, type Db } from '../db';
import { invalid, isoDay } from '../issues';
import { recomputeGoals } from '../progress/key-results';
import { rollUp } from '../progress/rollup';
import {
	GOAL_SELECT,
	insertGoals,
	loadGoalRecord,
	toGoal,
	type GoalRecord,
	type GoalVisibility
} from './rows';

export type NewGoal = Omit<Goal, 'id' | 'status' | 'supports'> &
	Partial<Pick<Goal, 'id' | 'status' | 'supports'>> & { visibility?: GoalVisibility };

export type GoalChangeRequest =
	| ({ kind: 'retarget' } & RetargetInput)
	| { kind: 'reweight'; weight: number }
	| { kind: 'reparent'; parentId: string | null }
	| { kind: 'archive' }
	| { kind: 'relink'; supports: string[] }
	| { kind: 'progress'; value: number };

const CONFLICT_CODES = new Set([
	'goal.parent_is_descendant',
	'goal.parent_is_self',
	'goal.archived',
	'goal.parent_archived'
]);

/** Maps a refused change: unknown goal → 404, a cycle or an archived goal → 409, else 400. */
function refusal(issues: readonly DomainIssue[]): AppError {
	const first = issues[0];
	if (first?.code === 'goal.unknown')
		return AppError.notFound('goal', String(first.params?.goal ?? ''));
	if (first && CONFLICT_CODES.has(first.code)) {
		return AppError.conflict(first.message, {
			path: first.path,
			issueCode: first.code,
			issues: [...issues]
		});
	}
	return invalid(issues);
}

function unwrap<T>(result: Result<T>, goalId: string): T {
	// Paths relative to the goal being changed (`parentId`), as the request named them.
	const relative = (path: string) => path.replace(`goals.${goalId}.`, '');
	if (!result.ok) throw refusal(result.issues.map((i) => ({ ...i, path: relative(i.path) })));
	return result.value;
}

async function writeChange(
	db: Db,
	orgId: string,
	change: Omit<GoalChange, 'kind'> & { kind: GoalChange['kind'] | 'create' },
	actorId: string | null
): Promise<void> {
	await db.query(
		`insert into goal_change (id, organisation_id, goal_id, kind, actor_id, reason, before, after, at)
		 values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		[
			randomUUID(),
			orgId,
			change.goalId,
			change.kind,
			actorId,
			change.why,
			change.before ? JSON.stringify(change.before) : null,
			JSON.stringify(change.after),
			change.at
		]
	);
}

async function checkReferences(
	db: Db,
	orgId: string,
	goal: Goal
): Promise<{ metricId: string | null }> {
	const issues: DomainIssue[] = [];
	const table = goal.owner.kind === 'person' ? 'employee' : 'org_unit';
	const owner = await db.query(`select 1 from ${table} where organisation_id = $1 and id = $2`, [
		orgId,
		goal.owner.id
	]);
	if (owner.length === 0) {
		issues.push({
			code: 'goal.unknown_owner',
			path: 'owner.id',
			message: `Unknown ${goal.owner.kind} ${goal.owner.id}`
		});
	}
	if (goal.parentId !== null) {
		const parent = await loadGoalRecord(db, orgId, goal.parentId);
		if (!parent)
			issues.push({
				code: 'goal.unknown_parent',
				path: 'parentId',
				message: `Unknown parent ${goal.parentId}`
			});
		else if (parent.kind === 'key_result')
			issues.push({
				code: 'goal.parent_is_key_result',
				path: 'parentId',
				message: 'A key result cannot have children'
			});
		else if (parent.status === 'archived')
			issues.push({
				code: 'goal.parent_archived',
				path: 'parentId',
				message: 'Cannot add a goal under an archived goal'
			});
	}
	let metricId: string | null = null;
	if (goal.metric) {
		const rows = await db.query<{ id: string }>(
			'select id from metric_definition where organisation_id = $1 and key = $2',
			[orgId, goal.metric.metricKey]
		);
		metricId = rows[0]?.id ?? null;
		if (!metricId)
			issues.push({
				code: 'goal.unknown_metric',
				path: 'metric.metricKey',
				message: `Unknown metric ${goal.metric.metricKey}`
			});
	}
	if (goal.supports.length > 0) {
		const found = await db.query<{ id: string }>(
			'select id from goal where organisation_id = $1 and id = any($2::uuid[])',
			[orgId, goal.supports]
		);
		const known = new Set(found.map((row) => row.id));
		goal.supports.forEach((id, i) => {
			if (!known.has(id))
				issues.push({
					code: 'goal.unknown_supported',
					path: `supports.${i}`,
					message: `Unknown goal ${id}`
				});
		});
	}
	if (issues.length > 0) throw invalid(issues);
	return { metricId };
}

export type { ChangeActor };

/** Creates a goal (default status active) and records its creation. */
export async function createGoal(
	em: EntityManager,
	orgId: string,
	input: NewGoal,
	actor: ChangeActor
): Promise<Goal> {
	const { visibility = 'visible', ...fields } = input;
	const goal: Goal = {
		...fields,
		id: input.id ?? randomUUID(),
		status: input.status ?? 'active',
		supports: input.supports ?? []
	};
	const issues = validateGoal(goal).map((issue) => ({
		...issue,
		path: issue.path.replace(`goals.${goal.id}.`, '')
	}));
	if (issues.length > 0) throw invalid(issues);
	return transaction(em, async (db) => {
		const { metricId } = await checkReferences(db, orgId, goal);
		await insertGoals(db, orgId, [{ ...goal, metricId, visibility }]);
		const at = actor.now.toISOString();
		await writeChange(
			db,
			orgId,
			{
				goalId: goal.id,
				kind: 'create',
				who: actor.actorId ?? '',
				at,
				why: actor.reason,
				before: {},
				after: goal
			},
			actor.actorId
		);
		await audit(db, orgId, actor, {
			action: 'goal.create',
			entity: 'goal',
			entityId: goal.id,
			after: goal
		});
		if (goal.metric) await recomputeGoals(db, orgId, [goal.id], isoDay(actor.now));
		else if (goal.parentId) await rollUp(db, orgId, new Map([[goal.id, 0]]));
		const stored = await loadGoalRecord(db, orgId, goal.id);
		return stored ? toGoal(stored) : goal;
	});
}

async function indexAround(db: Db, orgId: string, goalId: string, extra: readonly string[]) {
	const rows = await db.query<GoalRecord>(
		`with recursive down(id) as (
		   select $2::uuid union select g.id from goal g join down on g.parent_id = down.id where g.organisation_id = $1
		 ) ${GOAL_SELECT} where g.organisation_id = $1 and (g.id in (select id from down) or g.id = any($3::uuid[]))`,
		[orgId, goalId, extra]
	);
	return buildGoalIndex(rows.map(toGoal));
}

function applyChange(
	goal: Goal,
	request: GoalChangeRequest,
	index: ReturnType<typeof buildGoalIndex>,
	context: { who: string; at: string; why: string }
) {
	switch (request.kind) {
		case 'retarget': {
			const { kind: _kind, ...input } = request;
			return retargetGoal(goal, input, context);
		}
		case 'reweight':
			return reweightGoal(goal, request.weight, context);
		case 'reparent':
			return reparentGoal(index, goal.id, request.parentId, context);
		case 'archive':
			return archiveGoal(goal, context);
		case 'relink':
			return relinkGoal(index, goal.id, request.supports, context);
		case 'progress':
			return recordProgress(goal, request.value, context);
	}
}

/** Writes a hand-measured key result's progress from its recorded value and rolls it up. */
async function measureManual(db: Db, orgId: string, goal: Goal, now: Date): Promise<void> {
	if (!goal.manual) return;
	const measured = measureProgress({
		current: goal.manual.current,
		baseline: goal.manual.baseline,
		target: goal.manual.target,
		direction: 'higher_is_better'
	});
	await db.query(
		`update goal set progress = $3, attainment = $4, current_value = $5, progress_at = $6
		 where organisation_id = $1 and id = $2`,
		[orgId, goal.id, measured.progress, measured.attainment, measured.current, now]
	);
	await rollUp(db, orgId, new Map([[goal.id, measured.progress]]));
}

/** Re-targets, re-weights, re-parents (refusing cycles), archives or re-links a goal. */
export async function changeGoal(
	em: EntityManager,
	orgId: string,
	goalId: string,
	request: GoalChangeRequest,
	actor: ChangeActor
): Promise<{ goal: Goal; change: GoalChange }> {
	return transaction(em, async (db) => {
		const record = await loadGoalRecord(db, orgId, goalId, true);
		if (!record) throw AppError.notFound('goal', goalId);
		const before = toGoal(record);
		const extra =
			request.kind === 'reparent' && request.parentId
				? [request.parentId]
				: request.kind === 'relink'
					? request.supports
					: [];
		const index =
			request.kind === 'reparent' || request.kind === 'relink'
				? await indexAround(db, orgId, goalId, extra)
				: buildGoalIndex([before]);
		const context = { who: actor.actorId ?? '', at: actor.now.toISOString(), why: actor.reason };
		const { goal, change } = unwrap(applyChange(before, request, index, context), goalId);
		await db.query(
			`update goal set parent_id = $3, start_date = $4, due_date = $5, weight = $6, status = $7,
			   target = $8, supports = $9, version = version + 1, updated_at = $10
			 where organisation_id = $1 and id = $2`,
			[
				orgId,
				goalId,
				goal.parentId,
				goal.startDate,
				goal.dueDate,
				goal.weight,
				goal.status,
				goal.metric?.target ?? goal.manual?.target ?? null,
				JSON.stringify(goal.supports),
				actor.now
			]
		);
		await writeChange(db, orgId, change, actor.actorId);
		await audit(db, orgId, actor, {
			action: `goal.${request.kind}`,
			entity: 'goal',
			entityId: goalId,
			before: change.before,
			after: change.after
		});
		if (request.kind === 'retarget' && goal.metric)
			await recomputeGoals(db, orgId, [goalId], isoDay(actor.now));
		if ((request.kind === 'retarget' || request.kind === 'progress') && goal.manual)
			await measureManual(db, orgId, goal, actor.now);
		const dirty = [before.parentId, goal.parentId].filter((id): id is string => id !== null);
		if (request.kind !== 'retarget' && request.kind !== 'relink' && request.kind !== 'progress')
			await rollUp(db, orgId, new Map(), [...new Set(dirty)]);
		return { goal, change };
	});
}
