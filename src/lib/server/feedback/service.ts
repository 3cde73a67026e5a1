import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor, PersonFacts } from '../policy/types';
import { authorize, relationTo } from '../policy/decide';
import { loadPersonFacts } from '../policy/load';
import { execute } from '../auth/sql';
import { decryptField, encryptField, registerEncryptedColumn } from '../crypto/index';
import { AppError } from '../runtime/errors';
import { isUuid } from '../runtime/executor';
import { insertNotification } from '../notify/notifications';
import { pickLocalised } from '../../ui/format';
import type { CheckIn } from './feedback.entity';

export const BODY_MAX = 4000;
const BODY_FIELD = 'feedback_entry.body';
registerEncryptedColumn({ table: 'feedback_entry', column: 'body', format: 'text' });

export type FeedbackEntryView = {
	id: string;
	authorName: string;
	isAuthorSubject: boolean;
	isMine: boolean;
	body: string;
	isPrivate: boolean;
	checkIn: CheckIn | null;
	createdAt: string;
};
export type FeedbackThread = { root: FeedbackEntryView; replies: FeedbackEntryView[] };
export type GoalThreads = {
	id: string;
	title: string;
	progress: number;
	threads: FeedbackThread[];
};

export type FeedbackPage = {
	instanceId: string;
	subject: { id: string; name: string; jobTitle: string | null };
	workflowName: string;
	cycleThreads: FeedbackThread[];
	goals: GoalThreads[];
	/** May open a thread (the manager line, HR); the subject only replies. */
	canStart: boolean;
	canReply: boolean;
	/** May write private notes (never the subject). */
	canWritePrivate: boolean;
};

type EntryRow = {
	id: string;
	parent_id: string | null;
	goal_id: string | null;
	author_id: string | null;
	author_account_id: string | null;
	author_name: string | null;
	body: string;
	is_private: boolean;
	check_in: CheckIn | null;
	created_at: string;
};

type Access = {
	subjectId: string;
	facts: PersonFacts;
	canRead: boolean;
	canStart: boolean;
	canPrivate: boolean;
	isSelf: boolean;
};

async function accessTo(
	em: EntityManager,
	orgId: string,
	actor: Actor,
	subjectId: string
): Promise<Access> {
	const facts = await loadPersonFacts(em, orgId, subjectId);
	if (!facts) throw AppError.notFound('instance', subjectId);
	const target = { kind: 'person' as const, ...facts };
	const relation = relationTo(actor, facts);
	const canRead = authorize(actor, 'feedback.read', target).allowed;
	return {
		subjectId,
		facts,
		canRead,
		// The policy lets anyone but the subject write; a thread is opened by those who read it.
		canStart: canRead && authorize(actor, 'feedback.write', target).allowed,
		canPrivate: canRead && !relation.isSelf && (relation.isReport || relation.isInHrScope),
		isSelf: relation.isSelf
	};
}

type InstanceRow = {
	subject_id: string;
	subject_name: string;
	job_title: string | null;
	definition_name: Record<string, string>;
};

async function loadInstance(
	em: EntityManager,
	orgId: string,
	instanceId: string
): Promise<InstanceRow> {
	if (!isUuid(instanceId)) throw AppError.notFound('instance', String(instanceId));
	const [row] = await execute<InstanceRow>(
		em,
		`select i.subject_id, e.name as subject_name, e.job_title, d.name as definition_name
		   from instance i join employee e on e.id = i.subject_id
		   join workflow_version v on v.id = i.definition_version_id
		   join workflow_definition d on d.id = v.definition_id
		  where i.id = ?::uuid and i.organisation_id = ?::uuid`,
		[instanceId, orgId]
	);
	if (!row) throw AppError.notFound('instance', instanceId);
	return row;
}

function openBody(row: EntryRow): string {
	return row.is_private
		? decryptField(row.body, { field: BODY_FIELD, recordId: row.id })
		: row.body;
}

function view(row: EntryRow, actor: Actor, subjectId: string): FeedbackEntryView {
	return {
		id: row.id,
		authorName: row.author_name ?? '—',
		isAuthorSubject: row.author_id === subjectId,
		isMine: row.author_account_id === actor.accountId,
		body: openBody(row),
		isPrivate: row.is_private,
		checkIn: row.check_in,
		createdAt: new Date(row.created_at).toISOString()
	};
}

function threadsOf(rows: EntryRow[], actor: Actor, subjectId: string): FeedbackThread[] {
	const roots = rows.filter((row) => row.parent_id === null);
	return roots
		.map((root) => ({
			root: view(root, actor, subjectId),
			replies: rows
				.filter((row) => row.parent_id === root.id)
				.map((row) => view(row, actor, subjectId))
		}))
		.reverse();
}

/**
 * The feedback of one cycle instance: its own threads and those on the subject's goals.
 * 404 for anyone who may not read the subject's feedback; private notes are left out for the
 * subject (and decrypted only for those who may see them).
 */
export async function getFeedbackPage(options: {
	em: EntityManager;
	orgId: string;
	actor: Actor;
	instanceId: string;
	locale: string;
}): Promise<FeedbackPage> {
	const { em, orgId, actor, instanceId } = options;
	const instance = await loadInstance(em, orgId, instanceId);
	const access = await accessTo(em, orgId, actor, instance.subject_id);
	if (!access.canRead) throw AppError.notFound('instance', instanceId);
	const rows = await execute<EntryRow>(
		em,
		`select f.id, f.parent_id, f.goal_id, f.author_id, f.author_account_id, f.body, f.is_private,
		    f.check_in, f.created_at,
		    coalesce(a.name, (select u.email from user_account u where u.id = f.author_account_id)) as author_name
		   from feedback_entry f left join employee a on a.id = f.author_id
		  where f.organisation_id = ?::uuid and f.subject_id = ?::uuid
		    and (f.instance_id = ?::uuid or f.goal_id is not null)
		    and (not f.is_private or ?::boolean)
		  order by f.created_at, f.id`,
		[orgId, instance.subject_id, instanceId, access.canPrivate]
	);
	const goals = await execute<{ id: string; title: unknown; progress: number }>(
		em,
		`select g.id, g.title, g.progress from goal g
		  where g.organisation_id = ?::uuid and g.owner_kind = 'person' and g.owner_id = ?::uuid
		    and g.kind = 'objective' and g.status in ('active','awaiting_approval','done')
		  order by g.created_at, g.id`,
		[orgId, instance.subject_id]
	);
	return {
		instanceId,
		subject: { id: instance.subject_id, name: instance.subject_name, jobTitle: instance.job_title },
		workflowName: pickLocalised(instance.definition_name, options.locale),
		cycleThreads: threadsOf(
			rows.filter((r) => r.goal_id === null),
			actor,
			instance.subject_id
		),
		goals: goals.map((goal) => ({
			id: goal.id,
			title: pickLocalised(goal.title as Record<string, string>, options.locale),
			progress: goal.progress,
			threads: threadsOf(
				rows.filter((r) => r.goal_id === goal.id),
				actor,
				instance.subject_id
			)
		})),
		canStart: access.canStart,
		canReply: access.canRead,
		canWritePrivate: access.canPrivate
	};
}

/** The subject's numbers now: each active goal's progress and value, and the weighted whole. */
export async function checkInSnapshot(
	em: EntityManager,
	orgId: string,
	subjectId: string,
	note: string,
	now: Date,
	goalId?: string | null
): Promise<CheckIn> {
	const rows = await execute<{
		id: string;
		title: unknown;
		progress: number;
		current_value: number | null;
		target: number | null;
		weight: number;
	}>(
		em,
		`select g.id, g.title, g.progress, g.current_value, g.target, g.weight from goal g
		  where g.organisation_id = ?::uuid and g.owner_kind = 'person' and g.owner_id = ?::uuid
		    and g.status = 'active' and (?::uuid is null or g.id = ?::uuid or g.parent_id = ?::uuid)
		  order by g.kind desc, g.created_at, g.id`,
		[orgId, subjectId, goalId ?? null, goalId ?? null, goalId ?? null]
	);
	const objectives = rows;
	const totalWeight = objectives.reduce((sum, goal) => sum + goal.weight, 0);
	return {
		note,
		at: now.toISOString(),
		goals: rows.map((goal) => ({
			id: goal.id,
			title: pickLocalised(goal.title as Record<string, string>, 'en'),
			progress: goal.progress,
			currentValue: goal.current_value,
			target: goal.target
		})),
		progress:
			totalWeight > 0
				? objectives.reduce((sum, goal) => sum + goal.progress * goal.weight, 0) / totalWeight
				: null
	};
}

export type PostFeedbackInput = {
	em: EntityManager;
	orgId: string;
	actor: Actor;
	instanceId: string;
	goalId?: string | null;
	parentId?: string | null;
	body: string;
	isPrivate?: boolean;
	withCheckIn?: boolean;
	now: Date;
};

export type PostFeedbackResult =
	| { ok: true; id: string }
	| { ok: false; issues: { path: string; code: 'required' | 'maxLength' | 'forbidden' }[] };

/**
 * Writes an entry: a new thread (the manager line or HR), or a reply (anyone who reads the
 * feedback, the subject too). Private notes are sealed with AES-256-GCM and hidden from the
 * subject; the other party of a shared entry gets a notification.
 */
export async function postFeedback(input: PostFeedbackInput): Promise<PostFeedbackResult> {
	const { em, orgId, actor, now } = input;
	const body = input.body.trim();
	if (!body) return { ok: false, issues: [{ path: 'body', code: 'required' }] };
	if (body.length > BODY_MAX) return { ok: false, issues: [{ path: 'body', code: 'maxLength' }] };
	const instance = await loadInstance(em, orgId, input.instanceId);
	const access = await accessTo(em, orgId, actor, instance.subject_id);
	if (!access.canRead) throw AppError.notFound('instance', input.instanceId);
	let parent:
		| { id: string; goal_id: string | null; author_id: string | null; is_private: boolean }
		| undefined;
	if (input.parentId) {
		if (!isUuid(input.parentId)) throw AppError.notFound('feedback', input.parentId);
		[parent] = await execute(
			em,
			`select id, goal_id, author_id, is_private from feedback_entry
			  where id = ?::uuid and organisation_id = ?::uuid and subject_id = ?::uuid and parent_id is null`,
			[input.parentId, orgId, instance.subject_id]
		);
		if (!parent || (parent.is_private && !access.canPrivate))
			throw AppError.notFound('feedback', input.parentId);
	} else if (!access.canStart) {
		return { ok: false, issues: [{ path: 'body', code: 'forbidden' }] };
	}
	const isPrivate = parent ? parent.is_private : input.isPrivate === true;
	if (isPrivate && !access.canPrivate)
		return { ok: false, issues: [{ path: 'isPrivate', code: 'forbidden' }] };
	let goalId = parent ? parent.goal_id : (input.goalId ?? null);
	if (goalId && !isUuid(goalId)) goalId = null;
	if (goalId) {
		const owned = await execute(
			em,
			`select 1 from goal where id = ?::uuid and organisation_id = ?::uuid and owner_id = ?::uuid`,
			[goalId, orgId, instance.subject_id]
		);
		if (!owned.length) throw AppError.notFound('goal', goalId);
	}
	const id = randomUUID();
	const checkIn = input.withCheckIn
		? await checkInSnapshot(em, orgId, instance.subject_id, body, now, goalId)
		: null;
	const stored = isPrivate ? encryptField(body, { field: BODY_FIELD, recordId: id }) : body;
	await em.transactional(async (tx) => {
		await execute(
			tx,
			`insert into feedback_entry (id, organisation_id, subject_id, instance_id, goal_id, parent_id, author_id,
			   author_account_id, body, is_private, check_in, created_at)
			 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)`,
			[
				id,
				orgId,
				instance.subject_id,
				input.instanceId,
				goalId,
				parent?.id ?? null,
				actor.employeeId,
				actor.accountId,
				stored,
				isPrivate,
				checkIn ? JSON.stringify(checkIn) : null,
				now.toISOString()
			]
		);
		if (isPrivate) return;
		const recipient = access.isSelf ? parent?.author_id : instance.subject_id;
		if (recipient && recipient !== actor.employeeId) {
			const [author] = await execute<{ name: string }>(
				tx,
				`select name from employee where id = ?::uuid`,
				[actor.employeeId]
			);
			await insertNotification(tx, {
				orgId,
				instanceId: input.instanceId,
				recipientPersonId: recipient,
				template: parent ? 'feedbackReplied' : 'feedbackPosted',
				params: {
					author: { name: author?.name ?? '' },
					subject: { id: instance.subject_id, name: instance.subject_name },
					excerpt: body.length > 80 ? `${body.slice(0, 77)}…` : body
				},
				now
			});
		}
	});
	return { ok: true, id };
}
