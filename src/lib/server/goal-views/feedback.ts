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
import type { TrendEvent } from '../../components/goals/trend';

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

/**
 * The trend chart's event markers for a person's goal: the engine's behind-pace reminders about
 * them, and the feedback and replies on that goal, inside the chart's date range. Empty for
 * a unit's goal or an actor who may not read the person's feedback.
 */
export async function feedbackMarkers(
	em: EntityManager,
	orgId: string,
	actor: Actor,
	goal: { id: string; owner: { kind: string; id: string } },
	range: { from: string; to: string }
): Promise<TrendEvent[]> {
	if (goal.owner.kind !== 'person') return [];
	const threads = await subjectFeedback(em, orgId, actor, goal.owner.id, goal.id);
	if (threads.length === 0 && !(await mayReadFeedback(em, orgId, actor, goal.owner.id))) return [];
	const alerts = await execute<{
		created_at: string | Date;
		params: { subject?: { name?: string } };
	}>(
		em,
		`select n.created_at, n.params from notification n join instance i on i.id = n.instance_id
		  where n.organisation_id = ?::uuid and i.subject_id = ?::uuid and n.template = 'behindPace'
		  order by n.created_at`,
		[orgId, goal.owner.id]
	);
	const day = (at: string | Date) => new Date(at).toISOString().slice(0, 10);
	const events: TrendEvent[] = [
		...alerts.map((a) => ({
			date: day(a.created_at),
			kind: 'alert' as const,
			text: 'Behind pace: the manager was reminded'
		})),
		...threads.flatMap((t) => [
			{ date: day(t.at), kind: 'feedback' as const, text: `${t.authorName}: ${t.body}` },
			...t.replies.map((r) => ({
				date: day(r.at),
				kind: 'reply' as const,
				text: `${r.authorName}: ${r.body}`
			}))
		])
	];
	// One reminder per day is enough on a chart.
	const seen = new Set<string>();
	return events
		.filter((e) => e.date >= range.from && e.date <= range.to)
		.filter((e) => {
			const key = `${e.date}:${e.kind}:${e.text}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		})
		.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
