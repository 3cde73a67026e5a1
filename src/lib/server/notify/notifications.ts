import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../policy/types';
import { execute } from '../auth/sql';
import { renderDefinitionTemplate } from './render';
import { renderShippedText } from './templates/index';
import { roleReach } from '../tasks/access';

export type NotificationItem = {
	id: string;
	template: string;
	text: string;
	createdAt: string;
	isRead: boolean;
	instanceId: string | null;
	subjectName: string | null;
	/** Where the notification leads: the recipient's open task in that cycle, else its feedback. */
	href: string | null;
};

type Row = {
	id: string;
	template: string;
	params: Record<string, unknown>;
	created_at: string;
	read_at: string | null;
	instance_id: string | null;
	templates: unknown;
	subject_id: string | null;
	subject_name: string | null;
	open_task_id: string | null;
};

const FOR_ACTOR = `n.organisation_id = ?::uuid and (
    (n.recipient_person_id is not null and n.recipient_person_id = ?::uuid)
    or (n.recipient_role is not null and n.recipient_role in (select jsonb_array_elements_text(?::jsonb))))`;

function forActor(orgId: string, actor: Actor): unknown[] {
	return [orgId, actor.employeeId, JSON.stringify(roleReach(actor).roles)];
}

/** The text of a notification: the definition's template, else a shipped one, in `locale`. */
export function notificationText(
	row: { template: string; params: unknown; templates: unknown },
	locale: string
): string {
	return (
		renderDefinitionTemplate(row.templates, row.template, locale, row.params) ??
		renderShippedText(row.template, locale, row.params) ??
		renderShippedText('unknown', locale, row.params) ??
		row.template
	);
}

/** The signed-in person's notifications (to them or to a role they hold), newest first. */
export async function listNotifications(options: {
	em: EntityManager;
	orgId: string;
	actor: Actor;
	locale: string;
	limit?: number;
	isUnreadOnly?: boolean;
}): Promise<NotificationItem[]> {
	const { actor } = options;
	const rows = await execute<Row>(
		options.em,
		`select n.id, n.template, n.params, n.created_at, n.read_at, n.instance_id,
		    v.content->'templates' as templates, e.id as subject_id, e.name as subject_name,
		    (select t.id from task t where t.instance_id = n.instance_id and t.status = 'open'
		       and t.assignee_person_id = ?::uuid order by t.created_at desc limit 1) as open_task_id
		   from notification n
		   left join instance i on i.id = n.instance_id
		   left join workflow_version v on v.id = i.definition_version_id
		   left join employee e on e.id = i.subject_id
		  where ${FOR_ACTOR} and (not ?::boolean or n.read_at is null)
		  order by n.created_at desc, n.id limit ?`,
		[
			actor.employeeId,
			...forActor(options.orgId, actor),
			options.isUnreadOnly === true,
			options.limit ?? 100
		]
	);
	return rows.map((row) => ({
		id: row.id,
		template: row.template,
		text: notificationText(row, options.locale),
		createdAt: new Date(row.created_at).toISOString(),
		isRead: row.read_at !== null,
		instanceId: row.instance_id,
		subjectName: row.subject_name,
		href: row.open_task_id
			? `/tasks/${row.open_task_id}`
			: row.instance_id
				? `/feedback/${row.instance_id}`
				: null
	}));
}

export async function unreadCount(options: {
	em: EntityManager;
	orgId: string;
	actor: Actor;
}): Promise<number> {
	const [row] = await execute<{ count: number }>(
		options.em,
		`select count(*)::int as count from notification n where ${FOR_ACTOR} and n.read_at is null`,
		forActor(options.orgId, options.actor)
	);
	return row?.count ?? 0;
}

/** Marks the actor's notifications read: the given ids, or all of them. Returns how many. */
export async function markRead(options: {
	em: EntityManager;
	orgId: string;
	actor: Actor;
	ids?: string[];
	now: Date;
}): Promise<number> {
	const ids = (options.ids ?? []).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
	if (options.ids && !ids.length) return 0;
	const rows = await execute<{ id: string }>(
		options.em,
		`update notification n set read_at = ?::timestamptz
		  where ${FOR_ACTOR} and n.read_at is null
		    and (?::jsonb is null or n.id in (select (jsonb_array_elements_text(?::jsonb))::uuid))
		  returning n.id`,
		[
			options.now.toISOString(),
			...forActor(options.orgId, options.actor),
			options.ids ? JSON.stringify(ids) : null,
			options.ids ? JSON.stringify(ids) : null
		]
	);
	return rows.length;
}

/**
 * A notification the app itself raises (feedback posted, replied), written like the outbox
 * worker writes the runtime's: its mail row follows by trigger.
 */
export async function insertNotification(
	em: EntityManager,
	input: {
		orgId: string;
		instanceId: string | null;
		recipientPersonId: string;
		template: string;
		params: Record<string, unknown>;
		now: Date;
	}
): Promise<string> {
	const id = randomUUID();
	await execute(
		em,
		`insert into notification (id, organisation_id, instance_id, recipient_person_id, template, params, created_at)
		 values (?, ?, ?, ?, ?, ?::jsonb, ?)`,
		[
			id,
			input.orgId,
			input.instanceId,
			input.recipientPersonId,
			input.template,
			JSON.stringify(input.params),
			input.now.toISOString()
		]
	);
	return id;
}
