/**
 * The `goals` service behind the `goals.activate` action: approved personal goals become
 * active goal rows. The outbox row is the durable record of the approval: `run` happens inside
 * the outbox transaction, which holds the only connection of an embedded database, so the goals
 * are written right after it commits, by the worker tick ({@link activateApprovedGoals}), in
 * one transaction per approval. Ids derive from the idempotency key, so a repeated outbox run or
 * tick finds the goals already made and creates nothing twice.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GoalActivation, SubmittedGoal } from '../../../../plugins/goals/index';
import { execute } from '../auth/sql';
import { createGoal, type ChangeActor, type NewGoal } from '../domain/goals/service';
import { logger } from '../log';

/** A UUID from the idempotency key and the goal's position (md5, as SQL computes it too). */
export function activationId(key: string, ...path: number[]): string {
	const hex = createHash('md5')
		.update(`goals.activate:${key}:${path.join('.')}`)
		.digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const day = (value: string): string => value.slice(0, 10);

function numberOr(value: unknown, fallback: number): number {
	const n = typeof value === 'number' ? value : Number(value);
	return value === undefined || value === null || value === '' || !Number.isFinite(n)
		? fallback
		: n;
}

async function exists(em: EntityManager, orgId: string, id: string): Promise<boolean> {
	const rows = await execute(em, 'select 1 from goal where organisation_id = ? and id = ?', [
		orgId,
		id
	]);
	return rows.length > 0;
}

/** Creates the goals of one approval; returns the ids it created now (empty on a repeat). */
export async function activateGoals(
	em: EntityManager,
	input: GoalActivation,
	now: Date
): Promise<{ created: string[] }> {
	const actor: ChangeActor = {
		actorId: null,
		label: 'workflow',
		reason: 'Approved in goal setting',
		now
	};
	return em.transactional(async (tx) => activateIn(tx, input, actor));
}

async function activateIn(
	em: EntityManager,
	input: GoalActivation,
	actor: ChangeActor
): Promise<{ created: string[] }> {
	const orgId = input.organisationId;
	const created: string[] = [];
	const startDate = day(input.start);
	const dueDate = day(input.due);
	for (const [i, submitted] of input.goals.entries()) {
		const goal = submitted as SubmittedGoal;
		const id = activationId(input.idempotencyKey, i);
		const requestedParent = String(goal.departmentGoalId ?? '');
		let parentId: string | null = null;
		if (requestedParent && /^[0-9a-f-]{36}$/i.test(requestedParent)) {
			if (await exists(em, orgId, requestedParent)) parentId = requestedParent;
			else logger.warn({ goal: requestedParent }, 'approved goal names an unknown department goal');
		}
		if (!(await exists(em, orgId, id))) {
			const objective: NewGoal = {
				id,
				kind: 'objective',
				title: { en: String(goal.title ?? '') },
				owner: { kind: 'person', id: input.subjectId },
				parentId,
				startDate,
				dueDate,
				weight: numberOr(goal.weight, 1),
				status: 'active',
				// Goals set in a cycle are the person's own: the "personal goals" item of a scheme.
				category: 'personal'
			};
			await createGoal(em, orgId, objective, actor);
			created.push(id);
		}
		for (const [j, kr] of (goal.keyResults ?? []).entries()) {
			const krId = activationId(input.idempotencyKey, i, j);
			if (await exists(em, orgId, krId)) continue;
			const metricKey = String(kr.metric ?? '');
			const baseline = numberOr(kr.baseline, 0);
			const target = numberOr(kr.target, 0);
			const keyResult: NewGoal = {
				id: krId,
				kind: 'key_result',
				title: { en: String(kr.title ?? '') },
				owner: { kind: 'person', id: input.subjectId },
				parentId: id,
				startDate,
				dueDate,
				weight: numberOr(kr.weight, 1),
				status: 'active',
				...(metricKey
					? {
							metric: {
								metricKey,
								baseline,
								target,
								window: { kind: 'goal' as const },
								subjectId: input.subjectId
							}
						}
					: // Without a metric, progress is recorded by hand against the agreed target.
						target !== baseline
						? { manual: { baseline, target, current: null } }
						: {})
			};
			await createGoal(em, orgId, keyResult, actor);
			created.push(krId);
		}
	}
	return { created };
}

type ApprovalRow = {
	organisation_id: string;
	instance_id: string | null;
	idempotency_key: string;
	params: Omit<GoalActivation, 'organisationId' | 'instanceId' | 'idempotencyKey'>;
};

/**
 * Writes the goals of every delivered `goals.activate` outbox row (of the last 30 days) whose
 * goals do not exist yet. Called by the worker tick after the outbox; safe to run anywhere.
 */
export async function activateApprovedGoals(options: {
	em: EntityManager;
	now: Date;
	limit?: number;
}): Promise<{ activated: number }> {
	const rows = await execute<ApprovalRow>(
		options.em,
		`select o.organisation_id, o.instance_id, o.idempotency_key, o.payload->'params' as params
		   from outbox o
		  where o.kind = 'action' and o.status = 'done' and o.payload->>'actionType' = 'goals.activate'
		    and o.done_at > ?::timestamptz - interval '30 days'
		    and jsonb_array_length(coalesce(o.payload->'params'->'goals', '[]'::jsonb)) > 0
		    and not exists (select 1 from goal g
		                     where g.id = md5('goals.activate:' || o.idempotency_key || ':0')::uuid)
		  order by o.done_at limit ?`,
		[options.now.toISOString(), options.limit ?? 50]
	);
	let activated = 0;
	for (const row of rows) {
		try {
			await activateGoals(
				options.em.fork(),
				{
					...row.params,
					organisationId: row.organisation_id,
					instanceId: row.instance_id ?? '',
					idempotencyKey: row.idempotency_key
				},
				options.now
			);
			activated++;
		} catch (err) {
			logger.error({ err, key: row.idempotency_key }, 'approved goals could not be activated');
		}
	}
	return { activated };
}

/**
 * The `goals` entry of the worker services: accepts the approval (the outbox row records it);
 * the tick writes the goals once the row is committed.
 */
export function goalsService() {
	return {
		activate: async (input: GoalActivation) => ({ accepted: input.goals.length })
	};
}
