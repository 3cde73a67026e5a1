import { definePlugin } from '../../src/lib/engine/plugin';

type OutcomeService = {
	apply: (input: {
		instanceId: string;
		idempotencyKey: string;
		outcome: Record<string, unknown>;
	}) => Promise<unknown>;
};

/**
 * Applies an approved evaluation outcome (grade, raise, promotion) to the HR records.
 * Effectful: the runtime runs it from the outbox with the `outcomes` service in `ctx`.
 */
export default definePlugin({
	id: 'outcomes',
	version: '1.0.0',
	label: { en: 'Outcomes', 'zh-CN': '结果' },
	actions: {
		apply: {
			label: { en: 'Apply outcome', 'zh-CN': '应用结果' },
			description: 'Writes the approved grade and its consequences (raise, promotion)',
			params: {
				type: 'object',
				properties: {
					outcome: {
						type: 'string',
						title: 'Outcome expression',
						description: 'An expression giving the outcome, e.g. data.evaluation'
					}
				},
				required: ['outcome'],
				additionalProperties: false
			},
			expressionsOf: (params) => [{ path: 'outcome', source: String(params.outcome) }],
			resolve: (params, env) => ({
				subjectId: env.subject.id,
				outcome: env.evaluate(String(params.outcome))
			}),
			run: async (ctx, params) => {
				const service = ctx.services.outcomes as OutcomeService | undefined;
				if (!service) throw new Error('The outcomes service is not configured');
				return service.apply({
					instanceId: ctx.instanceId,
					idempotencyKey: ctx.idempotencyKey,
					outcome: params
				});
			}
		}
	}
});
