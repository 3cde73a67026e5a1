import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../policy/types';
import { execute } from '../auth/sql';
import { renderDefinitionTemplate } from '../notify/render';
import { pickLocalised } from '../../ui/format';
import { ASSIGNED_TO_ACTOR, assignedParams } from './access';

/** How long before its due date a task counts as "due soon". */
export const DUE_SOON_MS = 3 * 24 * 3600 * 1000;

export const INBOX_FILTERS = ['all', 'overdue', 'dueSoon', 'mine', 'team'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

export type InboxItem = {
	id: string;
	instanceId: string;
	kind: string;
	title: string;
	workflowName: string;
	subject: { id: string; name: string; jobTitle: string | null };
	isForMe: boolean;
	/** The role the task is assigned to when it is not assigned to one person. */
	role: string | null;
	dueAt: string | null;
	createdAt: string;
	isOverdue: boolean;
	isDueSoon: boolean;
};

type Row = {
	id: string;
	instance_id: string;
	kind: string;
	task_key: string;
	title: string | null;
	due_at: Date | string | null;
	created_at: Date | string;
	assignee_person_id: string | null;
	assignee_role: string | null;
	data: unknown;
	templates: unknown;
	definition_name: Record<string, string>;
	subject_id: string;
	subject_name: string;
	subject_job_title: string | null;
};

const OPEN_TASKS_SQL = `select t.id, t.instance_id, t.kind, t.task_key, t.title, t.due_at, t.created_at,
    t.assignee_person_id, t.assignee_role, i.snapshot->'context' as data,
    v.content->'templates' as templates, d.name as definition_name,
    e.id as subject_id, e.name as subject_name, e.job_title as subject_job_title
  from task t
  join instance i on i.id = t.instance_id
  join employee e on e.id = i.subject_id
  join workflow_version v on v.id = i.definition_version_id
  join workflow_definition d on d.id = v.definition_id
  where t.organisation_id = ?::uuid and t.status = 'open' and ${ASSIGNED_TO_ACTOR}
  order by t.due_at asc nulls last, t.created_at asc
  limit 500`;

function iso(value: Date | string | null): string | null {
	return value === null ? null : new Date(value).toISOString();
}

/** The context task titles and notifications are rendered with. */
export function templateContext(subject: { id: string; name: string }, data: unknown) {
	const record = (data ?? {}) as Record<string, unknown>;
	return { subject, data: record, cycle: record.cycle };
}

export function taskTitle(
	row: Pick<Row, 'templates' | 'title' | 'task_key' | 'data' | 'subject_id' | 'subject_name'>,
	locale: string
): string {
	const context = templateContext({ id: row.subject_id, name: row.subject_name }, row.data);
	return (
		renderDefinitionTemplate(row.templates, row.title, locale, context) ?? row.title ?? row.task_key
	);
}

/**
 * The open tasks of the signed-in person: assigned to them, or to a role they hold (within its
 * unit scope), with titles rendered from the definition's templates in the viewer's locale.
 */
export async function listInbox(options: {
	em: EntityManager;
	orgId: string;
	actor: Actor;
	locale: string;
	now: Date;
	filter?: InboxFilter;
}): Promise<InboxItem[]> {
	const { actor, now } = options;
	const rows = await execute<Row>(options.em, OPEN_TASKS_SQL, [
		options.orgId,
		...assignedParams(actor)
	]);
	const items = rows.map((row): InboxItem => {
		const dueAt = iso(row.due_at);
		const dueMs = dueAt === null ? Infinity : new Date(dueAt).getTime();
		const isOverdue = dueMs < now.getTime();
		return {
			id: row.id,
			instanceId: row.instance_id,
			kind: row.kind,
			title: taskTitle(row, options.locale),
			workflowName: pickLocalised(row.definition_name, options.locale),
			subject: { id: row.subject_id, name: row.subject_name, jobTitle: row.subject_job_title },
			isForMe: row.assignee_person_id !== null,
			role: row.assignee_role,
			dueAt,
			createdAt: iso(row.created_at) ?? '',
			isOverdue,
			isDueSoon: !isOverdue && dueMs - now.getTime() <= DUE_SOON_MS
		};
	});
	return items.filter((item) => matches(item, options.filter ?? 'all', actor));
}

function matches(item: InboxItem, filter: InboxFilter, actor: Actor): boolean {
	switch (filter) {
		case 'overdue':
			return item.isOverdue;
		case 'dueSoon':
			return item.isDueSoon || item.isOverdue;
		case 'mine':
			return item.subject.id === actor.employeeId;
		case 'team':
			return item.subject.id !== actor.employeeId;
		default:
			return true;
	}
}

export type InboxCounts = { open: number; overdue: number };

/** The header's badge: open tasks and how many of them are overdue. */
export async function inboxCounts(options: {
	em: EntityManager;
	orgId: string;
	actor: Actor;
	now: Date;
}): Promise<InboxCounts> {
	const [row] = await execute<{ open: number; overdue: number }>(
		options.em,
		`select count(*)::int as open, count(*) filter (where t.due_at < ?::timestamptz)::int as overdue
		   from task t join instance i on i.id = t.instance_id join employee e on e.id = i.subject_id
		  where t.organisation_id = ?::uuid and t.status = 'open' and ${ASSIGNED_TO_ACTOR}`,
		[options.now.toISOString(), options.orgId, ...assignedParams(options.actor)]
	);
	return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
}
