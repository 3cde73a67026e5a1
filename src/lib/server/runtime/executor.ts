import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from './errors';
import {
	cachedVersion,
	compiledVersion,
	runtimeEngine,
	type CompiledVersion,
	type RuntimeEvent,
	type Subject
} from './engine-port';
import { planEffects, taskView, type OpenTaskRow, type TaskView } from './effects';
import { inTransaction, type Sql } from './pg';
import { chainCte, subjectFromChain, type ChainRow } from './subject';
import { loadSubjectData, readsSubjectData, withSubjectData } from './subject-data';
import { buildWrite } from './write-sql';
import { taskOutcomes } from './task-outcomes';
import { expressionPath, failedExpression } from './expression-path';
import { metrics } from './metrics';

export type EventResult = {
	instanceId: string;
	seq: number;
	version: number;
	status: 'running' | 'done' | 'failed' | 'cancelled';
	stateValue: unknown;
	acceptedEvents: string[];
	openTasks: TaskView[];
	/** True when this answers a clientEventId that was already applied (nothing was written). */
	isDuplicate: boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

type LockedRow = {
	id: string;
	definition_version_id: string;
	content: unknown;
	status: EventResult['status'];
	snapshot: Record<string, unknown>;
	state_value: unknown;
	version: number;
	duplicate: { seq: number; to_state: unknown } | null;
	chain: ChainRow[];
	open_tasks: OpenTaskRow[];
	task: { id: string; status: string; task_key: string; state_path: string } | null;
};

// Runs after the row lock (see sendEvent), so every subquery sees the committed state.
// The version content is only sent when this process has not compiled it yet ($5).
const LOCK_SQL = `with recursive ${chainCte('(select subject_id from instance where id = $1)', '$2::uuid')}
select i.id, i.definition_version_id, i.status, i.snapshot, i.state_value, i.version,
  case when $5::boolean then (select content from workflow_version where id = i.definition_version_id) end as content,
  (select json_build_object('seq', j.seq, 'to_state', j.to_state) from journal j
    where j.instance_id = i.id and j.client_event_id = $3::text) as duplicate,
  (select coalesce(json_agg(c), '[]'::json) from chain c) as chain,
  (select coalesce(json_agg(t), '[]'::json) from (select id, task_key, state_path, kind, assignee_person_id,
     assignee_role, form, title, due_at from task where instance_id = i.id and status = 'open') t) as open_tasks,
  (select row_to_json(t) from (select id, status, task_key, state_path from task
     where id = $4::uuid and instance_id = i.id) t) as task
from instance i where i.id = $1::uuid and i.organisation_id = $2::uuid`;

export type SendEventOptions = {
	em: EntityManager;
	orgId: string;
	instanceId: string;
	event: RuntimeEvent;
	clientEventId?: string;
	actorId?: string;
	now: Date;
	/** Set by the timer worker: marks that timer fired in the same transaction. */
	timerId?: string;
};

/** Applies one event in one transaction, or refuses it (AppError) and writes nothing. */
export async function sendEvent(options: SendEventOptions): Promise<EventResult> {
	const { event, instanceId, orgId } = options;
	if (!isUuid(instanceId)) throw AppError.notFound('instance', String(instanceId));
	if (typeof event?.type !== 'string' || !event.type)
		throw AppError.badRequest('event type is required', 'type');
	if (event.taskId !== undefined && !isUuid(event.taskId))
		throw AppError.notFound('task', String(event.taskId));
	if (!isUuid(orgId)) throw AppError.notFound('organisation', String(orgId));
	// Both ids are validated UUIDs, so inlining them in the lock (sent with BEGIN) is safe.
	const lock = `select 1 from instance where id = '${instanceId}' and organisation_id = '${orgId}' for update`;
	const result = await inTransaction(options.em, (sql) => applyEvent(sql, options), {
		prelude: lock
	});
	if (!result.isDuplicate) metrics.eventsApplied.inc({ kind: options.timerId ? 'timer' : 'event' });
	return result;
}

/** The event transaction's body; the caller holds the instance row lock. */
export async function applyEvent(sql: Sql, options: SendEventOptions): Promise<EventResult> {
	const { event, instanceId, orgId, now } = options;
	const engine = runtimeEngine();
	const needsContent = !isCompiled(options.instanceId);
	const rows = await sql<LockedRow>('lw_lock', LOCK_SQL, [
		instanceId,
		orgId,
		options.clientEventId ?? null,
		event.taskId ?? null,
		needsContent
	]);
	const row = rows[0];
	if (!row) throw AppError.notFound('instance', instanceId);
	const version = await loadVersion(sql, row);
	const chained = subjectFromChain(row.chain);
	if (!chained) throw AppError.conflict(`the subject of instance ${instanceId} no longer exists`);
	// The one extra read of the event, only for definitions whose guards look at the domain.
	const subject = readsSubjectData(row.definition_version_id, version.content)
		? withSubjectData(chained, await loadSubjectData(sql, orgId, chained.id, now))
		: chained;
	const env = { subject, now, stepId: `${instanceId}:${row.version + 1}` };
	if (row.duplicate) {
		return {
			instanceId,
			seq: row.duplicate.seq,
			version: row.version,
			status: row.status,
			stateValue: row.duplicate.to_state,
			acceptedEvents:
				row.status === 'running' ? engine.acceptedEvents(version.compiled, row.snapshot, env) : [],
			openTasks: row.open_tasks.map(taskView),
			isDuplicate: true
		};
	}
	if (row.status !== 'running') throw AppError.eventNotAccepted(event.type, row.state_value, []);
	if (event.taskId !== undefined) checkTask(row, event, version.definition);
	const stepped = engine.step(version.compiled, row.snapshot, event, env);
	if (!stepped.ok) {
		metrics.eventsRefused.inc();
		if (stepped.code === 'evaluation_failed') {
			const expression = failedExpression(stepped.message);
			const path = expression ? expressionPath(version.content, expression) : undefined;
			throw AppError.evaluationFailed(event.type, stepped.message ?? 'an expression failed', {
				state: row.state_value,
				path,
				expression
			});
		}
		throw AppError.eventNotAccepted(event.type, row.state_value, stepped.accepted);
	}
	const seq = row.version + 1;
	const plan = planEffects(stepped.effects, `${instanceId}:${seq}`);
	const stateValue = stepped.snapshot.value ?? null;
	const status = plan.isComplete || stepped.snapshot.status === 'done' ? 'done' : 'running';
	const write = buildWrite({
		head: { kind: 'update', instanceId, expectedVersion: row.version },
		snapshot: stepped.snapshot,
		stateValue,
		version: seq,
		status,
		now,
		journal: {
			id: randomUUID(),
			kind: options.timerId ? 'timer' : 'event',
			eventType: event.type,
			payload: event.data ?? null,
			actorId: isUuid(options.actorId) ? options.actorId : null,
			clientEventId: options.clientEventId ?? null,
			fromState: row.state_value
		},
		completedTaskId: event.taskId ?? null,
		firedTimerId: options.timerId ?? null,
		plan
	});
	const written = await sql<{ written: number }>(write.name, write.text, write.values);
	if (written[0]?.written !== 1)
		throw AppError.conflict('the instance changed concurrently; retry');
	const closed = new Set(plan.closeTaskKeys);
	const openTasks =
		status === 'done'
			? []
			: [
					...row.open_tasks.filter((t) => !closed.has(t.task_key) && t.id !== event.taskId),
					...plan.openTasks
				];
	return {
		instanceId,
		seq,
		version: seq,
		status,
		stateValue,
		acceptedEvents:
			status === 'running' ? engine.acceptedEvents(version.compiled, stepped.snapshot, env) : [],
		openTasks: openTasks.map(taskView),
		isDuplicate: false
	};
}

function checkTask(row: LockedRow, event: RuntimeEvent, definition: unknown): void {
	const task = row.task;
	if (!task) throw AppError.notFound('task', String(event.taskId));
	if (task.status === 'completed')
		throw AppError.conflict(`task ${task.id} is already completed`, { taskId: task.id });
	if (task.status !== 'open')
		throw AppError.conflict(`task ${task.id} is ${task.status}`, { taskId: task.id });
	const outcomes = taskOutcomes(definition, task.state_path);
	if (!outcomes.includes(event.type)) {
		throw AppError.eventNotAccepted(event.type, row.state_value, outcomes);
	}
}

// Instance → version id, so the lock query can skip sending content this process compiled.
const versionOfInstance = new Map<string, string>();
function isCompiled(instanceId: string): boolean {
	const versionId = versionOfInstance.get(instanceId);
	return versionId !== undefined && cachedVersion(versionId) !== undefined;
}

async function loadVersion(sql: Sql, row: LockedRow): Promise<CompiledVersion> {
	const id = row.definition_version_id;
	let content = row.content;
	if (content === null || content === undefined) {
		const cached = cachedVersion(id);
		if (cached) return cached;
		const rows = await sql<{ content: unknown }>(
			'lw_version_content',
			'select content from workflow_version where id = $1',
			[id]
		);
		content = rows[0]?.content;
	}
	const entry = compiledVersion(id, content);
	rememberInstance(row.id, id);
	return entry;
}

export function rememberInstance(instanceId: string, versionId: string): void {
	if (versionOfInstance.size > 100_000) versionOfInstance.clear();
	versionOfInstance.set(instanceId, versionId);
}

export type { Subject };
