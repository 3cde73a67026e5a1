import { definePlugin } from '../../src/lib/engine/plugin';

export type SubmittedKeyResult = {
	title?: unknown;
	metric?: unknown;
	baseline?: unknown;
	target?: unknown;
	weight?: unknown;
};
export type SubmittedGoal = {
	title?: unknown;
	weight?: unknown;
	departmentGoalId?: unknown;
	keyResults?: SubmittedKeyResult[];
};

/** What `goals.activate` hands to the `goals` service (resolved at step time). */
export type GoalActivation = {
	organisationId: string;
	instanceId: string;
	idempotencyKey: string;
	subjectId: string;
	goals: SubmittedGoal[];
	start: string;
	due: string;
};

type GoalService = { activate: (input: GoalActivation) => Promise<unknown> };

const asText = (value: unknown): string =>
	value === undefined || value === null ? '' : String(value);

/**
 * Turns the goals a subject submitted (and their manager approved) into active goal rows:
 * owned by the subject, under the chosen department goal, key results bound to their metrics.
 * Effectful: the runtime runs it from the outbox; the worker then writes the goals with ids
 * from the idempotency key, so a retried run creates nothing twice.
 */
export default definePlugin({
	id: 'goals',
	version: '1.0.0',
	label: { en: 'Goals', 'zh-CN': '目标' },
	actions: {
		activate: {
			label: { en: 'Activate approved goals', 'zh-CN': '启用已批准的目标' },
			description: 'Creates active goals (and key results) for the subject from the approved list',
			params: {
				type: 'object',
				properties: {
					goals: {
						type: 'string',
						title: 'Goals expression',
						description: 'The approved goal list, e.g. data.goals'
					},
					start: {
						type: 'string',
						title: 'Start expression',
						description: 'When the goals start, e.g. data.cycle.start'
					},
					due: {
						type: 'string',
						title: 'Due expression',
						description: 'When the goals are due, e.g. data.cycle.end'
					}
				},
				required: ['goals', 'start', 'due'],
				additionalProperties: false
			},
			expressionsOf: (params) => [
				{ path: 'goals', source: asText(params.goals) },
				{ path: 'start', source: asText(params.start) },
				{ path: 'due', source: asText(params.due) }
			],
			resolve: (params, env) => {
				const goals = env.evaluate(asText(params.goals));
				return {
					subjectId: env.subject.id,
					goals: Array.isArray(goals) ? goals : [],
					start: asText(env.evaluate(asText(params.start))),
					due: asText(env.evaluate(asText(params.due)))
				};
			},
			run: async (ctx, params) => {
				const goals = (Array.isArray(params.goals) ? params.goals : []) as SubmittedGoal[];
				// The delivered outbox row is the durable record; a `goals` service, when given,
				// is told at once (the worker writes the goals right after the row commits).
				const service = ctx.services.goals as GoalService | undefined;
				if (!service) return { accepted: goals.length };
				return service.activate({
					organisationId: ctx.organisationId,
					instanceId: ctx.instanceId,
					idempotencyKey: ctx.idempotencyKey,
					subjectId: asText(params.subjectId),
					goals,
					start: asText(params.start),
					due: asText(params.due)
				});
			}
		}
	}
});
