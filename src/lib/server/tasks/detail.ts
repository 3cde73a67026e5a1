import type { EntityManager } from '@mikro-orm/postgresql';
import type { Localized } from '../../engine/localize';
import type { Actor } from '../policy/types';
import { execute } from '../auth/sql';
import { AppError } from '../runtime/errors';
import { isUuid } from '../runtime/executor';
import { taskOutcomes } from '../runtime/task-outcomes';
import { pickLocalised } from '../../ui/format';
import type { FormDefinition } from '../../components/forms/schema';
import { ASSIGNED_TO_ACTOR, assignedParams } from './access';
import { taskTitle } from './inbox';

/** An outcome button: its event, its localized label from the definition, whether a comment is required. */
export type TaskOutcome = { event: string; requiresComment: boolean; label?: Localized };

/** Comments the reviewer left when returning a task: overall, and per field path. */
export type ReturnedComments = {
	comment: string | null;
	fieldComments: Record<string, string>;
	by: string | null;
	at: string;
};

/** A submission made earlier in the same instance, shown to the reviewer of the next step. */
export type Submission = {
	taskKey: string;
	title: string;
	outcome: string | null;
	data: Record<string, unknown>;
	form: FormDefinition | null;
	by: string | null;
	at: string;
};

export type TaskDetail = {
	id: string;
	instanceId: string;
	taskKey: string;
	kind: string;
	status: 'open' | 'completed' | 'cancelled';
	title: string;
	workflowName: string;
	subject: { id: string; name: string; jobTitle: string | null; unitId: string | null };
	dueAt: string | null;
	createdAt: string;
	completedAt: string | null;
	completedBy: string | null;
	outcome: string | null;
	form: FormDefinition | null;
	formKey: string | null;
	outcomes: TaskOutcome[];
	/** What the form starts with: this task's own earlier submission, when it was returned. */
	initialValue: Record<string, unknown>;
	returned: ReturnedComments | null;
	/** Earlier submissions in this instance, newest first (for approvals and reviews). */
	submissions: Submission[];
	data: Record<string, unknown>;
};

type Row = {
	id: string;
	instance_id: string;
	task_key: string;
	state_path: string;
	kind: string;
	status: TaskDetail['status'];
	form: string | null;
	title: string | null;
	due_at: string | null;
	created_at: string;
	completed_at: string | null;
	completed_by_name: string | null;
	outcome: string | null;
	data: Record<string, unknown> | null;
	templates: unknown;
	forms: Record<string, FormDefinition> | null;
	content: Record<string, unknown>;
	definition_name: Record<string, string>;
	subject_id: string;
	subject_name: string;
	subject_job_title: string | null;
	subject_unit_id: string | null;
	history: {
		id: string;
		task_key: string;
		state_path: string;
		form: string | null;
		title: string | null;
		outcome: string | null;
		data: Record<string, unknown> | null;
		completed_at: string;
		by_name: string | null;
	}[];
};

const PERSON_NAME = (column: string) =>
	`coalesce((select name from employee where id = ${column}),
	  (select a.email from user_account a where a.id = ${column}))`;

const TASK_SQL = `select t.id, t.instance_id, t.task_key, t.state_path, t.kind, t.status, t.form, t.title,
    t.due_at, t.created_at, t.completed_at, t.outcome, ${PERSON_NAME('t.completed_by')} as completed_by_name,
    i.snapshot->'context' as data, v.content->'templates' as templates, v.content->'forms' as forms,
    v.content, d.name as definition_name,
    e.id as subject_id, e.name as subject_name, e.job_title as subject_job_title, e.unit_id as subject_unit_id,
    (select coalesce(json_agg(h order by h.completed_at desc), '[]'::json) from (
       select p.id, p.task_key, p.state_path, p.form, p.title, p.outcome, p.data, p.completed_at,
         ${PERSON_NAME('p.completed_by')} as by_name
       from task p where p.instance_id = t.instance_id and p.status = 'completed' and p.id <> t.id
         and p.completed_at <= coalesce(t.completed_at, 'infinity'::timestamptz)) h) as history
  from task t
  join instance i on i.id = t.instance_id
  join employee e on e.id = i.subject_id
  join workflow_version v on v.id = i.definition_version_id
  join workflow_definition d on d.id = v.definition_id
  where t.organisation_id = ?::uuid and t.id = ?::uuid and ${ASSIGNED_TO_ACTOR}`;

type StateParams = { outcomes?: Record<string, { requiresComment?: boolean }> };

function stateParams(content: Record<string, unknown>, statePath: string): StateParams {
	let node = content as
		{ states?: Record<string, unknown>; meta?: { params?: StateParams } } | undefined;
	for (const key of statePath.split('.')) node = node?.states?.[key] as typeof node;
	return node?.meta?.params ?? {};
}

/** The outcomes of a task, approvals first, with which of them need a comment. */
export function outcomesOf(content: Record<string, unknown>, statePath: string): TaskOutcome[] {
	const declared = stateParams(content, statePath).outcomes ?? {};
	// jsonb does not keep key order: put the outcomes that need no comment (approve) first.
	return taskOutcomes(content, statePath)
		.map((event) => ({ event, requiresComment: declared[event]?.requiresComment === true }))
		.sort((a, b) => Number(a.requiresComment) - Number(b.requiresComment));
}

/**
 * One task for the person it is assigned to (in person or by role); 404 for anyone else, as if
 * it did not exist. Completed tasks stay readable so a second tab can say "already completed".
 */
export async function getTask(options: {
	em: EntityManager;
	orgId: string;
	actor: Actor;
	taskId: string;
	locale: string;
}): Promise<TaskDetail> {
	const { taskId, locale } = options;
	if (!isUuid(taskId)) throw AppError.notFound('task', String(taskId));
	const [row] = await execute<Row>(options.em, TASK_SQL, [
		options.orgId,
		taskId,
		...assignedParams(options.actor)
	]);
	if (!row) throw AppError.notFound('task', taskId);
	const subject = { id: row.subject_id, name: row.subject_name };
	const titleOf = (title: string | null, key: string) =>
		taskTitle({ ...row, title, task_key: key }, locale);
	const own = row.history.find((h) => h.task_key === row.task_key);
	// Returned: the step just before this one sent it back with a comment (history is newest first).
	const latest = row.history[0];
	const returnedEntry =
		latest &&
		latest.task_key !== row.task_key &&
		typeof latest.data?.comment === 'string' &&
		outcomesOf(row.content, latest.state_path).some(
			(o) => o.event === latest.outcome && o.requiresComment
		)
			? latest
			: undefined;
	return {
		id: row.id,
		instanceId: row.instance_id,
		taskKey: row.task_key,
		kind: row.kind,
		status: row.status,
		title: titleOf(row.title, row.task_key),
		workflowName: pickLocalised(row.definition_name, locale),
		subject: { ...subject, jobTitle: row.subject_job_title, unitId: row.subject_unit_id },
		dueAt: row.due_at,
		createdAt: row.created_at,
		completedAt: row.completed_at,
		completedBy: row.completed_by_name,
		outcome: row.outcome,
		form: row.form ? (row.forms?.[row.form] ?? null) : null,
		formKey: row.form,
		outcomes: outcomesOf(row.content, row.state_path),
		initialValue: returnedEntry && own?.data ? withoutComments(own.data) : {},
		returned: returnedEntry
			? {
					comment: String(returnedEntry.data?.comment ?? '') || null,
					fieldComments: stringRecord(returnedEntry.data?.fieldComments),
					by: returnedEntry.by_name,
					at: returnedEntry.completed_at
				}
			: null,
		submissions: row.history
			.filter((h) => h.data && Object.keys(h.data).length > 0)
			.map((h) => ({
				taskKey: h.task_key,
				title: titleOf(h.title, h.task_key),
				outcome: h.outcome,
				data: h.data ?? {},
				form: h.form ? (row.forms?.[h.form] ?? null) : null,
				by: h.by_name,
				at: h.completed_at
			})),
		data: row.data ?? {}
	};
}

function withoutComments(data: Record<string, unknown>): Record<string, unknown> {
	const copy = { ...data };
	delete copy.fieldComments;
	return copy;
}

function stringRecord(value: unknown): Record<string, string> {
	if (!value || typeof value !== 'object') return {};
	return Object.fromEntries(
		Object.entries(value as Record<string, unknown>).filter(
			(entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''
		)
	);
}
