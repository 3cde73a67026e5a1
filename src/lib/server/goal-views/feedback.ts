/**
 * Feedback about a person (optionally on one goal) for the goal views: shared threads with
 * their replies, oldest first, and each thread's date for the trend chart's markers. Nothing
 * for an actor the policy denies `feedback.read`; private notes are never part of these views.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { execute } from '../auth/sql';
import { authorize } from '../policy/decide';
import { loadPersonFacts } from '../policy/load';
import type { Actor } from '../policy/types';

export type FeedbackNote = {
	id: string;
	goalId: string | null;
	authorName: string;
	body: string;
	/** ISO instant. */
	at: string;
};
export type FeedbackThreadNote = FeedbackNote & { replies: FeedbackNote[] };

type Row = {
	id: string;
	parent_id: string | null;
	goal_id: string | null;
	author_name: string | null;
	body: string;
	created_at: string | Date;
};

/** Whether `actor` may read the feedback about `subjectId`. */
export async function mayReadFeedback(
	em: EntityManager,
	orgId: string,
	actor: Actor,
	subjectId: string
): Promise<boolean> {
	const facts = await loadPersonFacts(em, orgId, subjectId);
	return !!facts && authorize(actor, 'feedback.read', { kind: 'person', ...facts }).allowed;
}

/** The shared feedback threads about a subject, on `goalId` when given. */
export async function subjectFeedback(
	em: EntityManager,
	orgId: string,
	actor: Actor,
	subjectId: string,
	goalId?: string | null
): Promise<FeedbackThreadNote[]> {
	if (!(await mayReadFeedback(em, orgId, actor, subjectId))) return [];
	const rows = await execute<Row>(
		em,
		`select f.id, f.parent_id, f.goal_id, f.body, f.created_at,
		    coalesce(a.name, (select u.email from user_account u where u.id = f.author_account_id)) as author_name
		   from feedback_entry f left join employee a on a.id = f.author_id
		  where f.organisation_id = ?::uuid and f.subject_id = ?::uuid and not f.is_private
		    and (?::uuid is null or f.goal_id = ?::uuid)
		  order by f.created_at, f.id`,
		[orgId, subjectId, goalId ?? null, goalId ?? null]
	);
	const note = (r: Row): FeedbackNote => ({
		id: r.id,
		goalId: r.goal_id,
		authorName: r.author_name ?? '',
		body: r.body,
		at: new Date(r.created_at).toISOString()
	});
	const threads = new Map<string, FeedbackThreadNote>();
	for (const row of rows) if (!row.parent_id) threads.set(row.id, { ...note(row), replies: [] });
	for (const row of rows) if (row.parent_id) threads.get(row.parent_id)?.replies.push(note(row));
	return [...threads.values()];
}
