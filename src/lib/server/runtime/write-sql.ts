import type { EffectPlan } from './effects';

/** The instance row after a step, plus the journal row describing the step. */
export type StepWrite = {
	head:
		| { kind: 'update'; instanceId: string; expectedVersion: number }
		| { kind: 'insert'; instanceId: string; orgId: string; versionId: string; subjectId: string };
	snapshot: unknown;
	stateValue: unknown;
	version: number;
	status: 'running' | 'done';
	now: Date;
	journal: {
		id: string;
		kind: 'start' | 'event' | 'timer';
		eventType: string;
		payload: unknown;
		actorId: string | null;
		clientEventId: string | null;
		fromState: unknown;
	};
	completedTaskId: string | null;
	firedTimerId: string | null;
	plan: EffectPlan;
};

const statementNames = new Map<string, string>();

/** A stable prepared-statement name per distinct statement text (a bounded set of shapes). */
function nameFor(text: string): string {
	let name = statementNames.get(text);
	if (!name) {
		name = `lw_write_${statementNames.size}`;
		statementNames.set(text, name);
	}
	return name;
}

/**
 * Builds ONE statement (data-modifying CTEs) that writes the instance, the journal row and
 * every effect row. Each part joins `upd`, so if the optimistic version check matches no row
 * nothing else is written either.
 */
export function buildWrite(w: StepWrite): { name: string; text: string; values: unknown[] } {
	const values: unknown[] = [];
	const $ = (value: unknown, cast: string) => {
		values.push(value);
		return `$${values.length}::${cast}`;
	};
	const now = $(w.now.toISOString(), 'timestamptz');
	const snapshot = $(JSON.stringify(w.snapshot), 'jsonb');
	const stateValue = $(JSON.stringify(w.stateValue), 'jsonb');
	const version = $(w.version, 'int');
	const status = $(w.status, 'text');
	const completedAt = w.status === 'done' ? now : 'null::timestamptz';
	const parts: string[] = [];
	if (w.head.kind === 'update') {
		parts.push(`upd as (update instance set snapshot = ${snapshot}, state_value = ${stateValue},
      version = ${version}, status = ${status}, updated_at = ${now}, completed_at = ${completedAt}
      where id = ${$(w.head.instanceId, 'uuid')} and version = ${$(w.head.expectedVersion, 'int')}
      returning id, organisation_id)`);
	} else {
		parts.push(`upd as (insert into instance (id, organisation_id, definition_version_id, subject_id,
      status, snapshot, state_value, version, started_at, updated_at, completed_at)
      values (${$(w.head.instanceId, 'uuid')}, ${$(w.head.orgId, 'uuid')}, ${$(w.head.versionId, 'uuid')},
      ${$(w.head.subjectId, 'uuid')}, ${status}, ${snapshot}, ${stateValue}, ${version}, ${now}, ${now},
      ${completedAt}) returning id, organisation_id)`);
	}
	const j = w.journal;
	const eventType = $(j.eventType, 'text');
	const payload = $(j.payload === undefined ? null : JSON.stringify(j.payload), 'jsonb');
	const actor = $(j.actorId, 'uuid');
	parts.push(`jr as (insert into journal (id, organisation_id, instance_id, seq, kind, event_type, payload,
      actor_id, client_event_id, from_state, to_state, at)
    select ${$(j.id, 'uuid')}, u.organisation_id, u.id, ${version}, ${$(j.kind, 'text')}, ${eventType}, ${payload},
      ${actor}, ${$(j.clientEventId, 'text')}, ${$(j.fromState === undefined ? null : JSON.stringify(j.fromState), 'jsonb')},
      ${stateValue}, ${now} from upd u)`);
	const p = w.plan;
	const completed = w.completedTaskId ? $(w.completedTaskId, 'uuid') : 'null::uuid';
	if (w.completedTaskId) {
		parts.push(`dt as (update task t set status = 'completed', outcome = ${eventType}, data = ${payload},
      completed_by = ${actor}, completed_at = ${now}
      from upd u where t.id = ${completed} and t.instance_id = u.id and t.status = 'open')`);
	}
	if (p.isComplete || p.closeTaskKeys.length) {
		const which = p.isComplete ? 'true' : `t.task_key = any(${$(p.closeTaskKeys, 'text[]')})`;
		parts.push(`ct as (update task t set status = 'cancelled', completed_at = ${now}
      from upd u where t.instance_id = u.id and t.status = 'open' and ${which}
      and t.id is distinct from ${completed})`);
	}
	if (p.openTasks.length) {
		parts.push(`ot as (insert into task (id, organisation_id, instance_id, task_key, state_path, kind,
      assignee_person_id, assignee_role, form, title, due_at, status, created_at)
    select x.id, u.organisation_id, u.id, x.task_key, x.state_path, x.kind, x.assignee_person_id,
      x.assignee_role, x.form, x.title, x.due_at, 'open', ${now}
    from upd u, jsonb_to_recordset(${$(JSON.stringify(p.openTasks), 'jsonb')}) as x(id uuid, task_key text,
      state_path text, kind text, assignee_person_id uuid, assignee_role text, form text, title text,
      due_at timestamptz))`);
	}
	const fired = w.firedTimerId ? $(w.firedTimerId, 'uuid') : 'null::uuid';
	if (w.firedTimerId) {
		parts.push(`ft as (update timer t set status = 'fired', fired_at = ${now}
      from upd u where t.id = ${fired} and t.instance_id = u.id and t.status = 'pending')`);
	}
	if (p.isComplete || p.cancelTimerKeys.length) {
		const which = p.isComplete ? 'true' : `t.timer_key = any(${$(p.cancelTimerKeys, 'text[]')})`;
		parts.push(`cx as (update timer t set status = 'cancelled'
      from upd u where t.instance_id = u.id and t.status = 'pending' and ${which}
      and t.id is distinct from ${fired})`);
	}
	if (p.timers.length) {
		parts.push(`st as (insert into timer (id, organisation_id, instance_id, timer_key, event, due_at, status, created_at)
    select x.id, u.organisation_id, u.id, x.timer_key, x.event, x.due_at, 'pending', ${now}
    from upd u, jsonb_to_recordset(${$(JSON.stringify(p.timers), 'jsonb')}) as x(id uuid, timer_key text,
      event jsonb, due_at timestamptz))`);
	}
	if (p.outbox.length) {
		parts.push(`ob as (insert into outbox (id, organisation_id, instance_id, kind, payload, idempotency_key,
      status, attempts, available_at, created_at)
    select x.id, u.organisation_id, u.id, x.kind, x.payload, x.idempotency_key, 'pending', 0, ${now}, ${now}
    from upd u, jsonb_to_recordset(${$(JSON.stringify(p.outbox), 'jsonb')}) as x(id uuid, kind text,
      payload jsonb, idempotency_key text))`);
	}
	const text = `with ${parts.join(',\n')}\nselect (select count(*) from upd)::int as written`;
	return { name: nameFor(text), text, values };
}
