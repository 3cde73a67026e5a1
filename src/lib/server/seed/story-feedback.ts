/**
 * The stories' interventions as feedback threads, written through the feedback service on
 * the instance and goal they are about, dated on the story dates: Sun Li's "visit more
 * customers" and Zhang San's reply, the 100 leads and the director's visits; Wang Fang's
 * workload adjustment for Li Si. Alerts are not written here: the runtime raised them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DemoCompany, StoryEvent } from '../../domain/demo/index';
import { postFeedback } from '../feedback/index';
import { loadActor } from '../policy/load';
import type { Actor } from '../policy/types';
import { execute } from '../auth/sql';
import { refId } from './ids';

/** The instance each subject's story feedback is written on. */
export type FeedbackTargets = Record<string, string>;

async function actorOf(em: EntityManager, orgId: string, employeeId: string): Promise<Actor> {
	const rows = await execute<{ id: string }>(
		em,
		`select id from user_account where organisation_id = ? and employee_id = ? limit 1`,
		[orgId, employeeId]
	);
	const accountId = rows[0]?.id;
	if (!accountId) throw new Error(`demo feedback: no account for ${employeeId}`);
	return loadActor(em, { organisationId: orgId, accountId, employeeId });
}

const hourOf: Record<StoryEvent['kind'], number> = {
	alert: 8,
	feedback: 10,
	reply: 17,
	intervention: 11,
	training: 15
};

/** Posts the story's feedback, replies and interventions. Returns how many entries were written. */
export async function seedStoryFeedback(
	em: EntityManager,
	orgId: string,
	demo: DemoCompany,
	instanceOf: FeedbackTargets
): Promise<number> {
	const id = (ref: string) => refId(orgId, ref);
	let lastRoot: string | null = null;
	let written = 0;
	for (const event of demo.timeline) {
		if (event.kind === 'alert' || event.kind === 'training' || !event.authorId) continue;
		const instanceId = instanceOf[event.subjectId];
		if (!instanceId) continue;
		const actor = await actorOf(em, orgId, id(event.authorId));
		const body = event.text['en'] ?? '';
		const result = await postFeedback({
			em,
			orgId,
			actor,
			instanceId,
			goalId: event.goalId ? id(event.goalId) : null,
			parentId: event.kind === 'reply' ? lastRoot : null,
			body,
			now: new Date(`${event.date}T${String(hourOf[event.kind]).padStart(2, '0')}:00:00Z`)
		});
		if (!result.ok) throw new Error(`demo feedback refused: ${JSON.stringify(result.issues)}`);
		if (event.kind !== 'reply') lastRoot = result.id;
		written++;
	}
	return written;
}
