import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One version of a weighting scheme. A new version is a new row; old rows never change. */
export const WeightingSchemeRow = defineEntity({
	name: 'WeightingSchemeRow',
	tableName: 'weighting_scheme',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		key: p.text(),
		version: p.integer(),
		name: p.json<Record<string, string>>(),
		effectiveFrom: p.date(),
		scope: p.json<{ orgUnitId?: string; jobFamily?: string; cycleId?: string }>(),
		attainmentCap: p.double().nullable(),
		items: p.json<unknown[]>(),
		gradeBands: p.json<unknown[]>(),
		outcomeRules: p.json<unknown[]>(),
		note: p.text().nullable(),
		createdBy: p.uuid().nullable(),
		createdAt: p.datetime()
	}
});
export type IWeightingSchemeRow = InferEntity<typeof WeightingSchemeRow>;

/** An employee's evaluation in a cycle: live (re-scored on change) or finalised (frozen). */
export const EvaluationRow = defineEntity({
	name: 'EvaluationRow',
	tableName: 'evaluation',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		employeeId: p.uuid(),
		cycle: p.text(),
		status: p.enum(['live', 'finalised'] as const),
		schemeId: p.uuid().nullable(),
		// Score, grade and inputs are sealed (AES-GCM envelopes, `scoring/sealed.ts`): the score
		// column holds an envelope string, inputs `{ "$enc": envelope }`.
		score: p.text().nullable(),
		grade: p.text().nullable(),
		inputs: p.json<Record<string, unknown>>().nullable(),
		scoredAt: p.datetime().nullable(),
		finalisedAt: p.datetime().nullable(),
		finalisedBy: p.uuid().nullable(),
		createdAt: p.datetime()
	}
});
export type IEvaluationRow = InferEntity<typeof EvaluationRow>;

/** The record of a scheme swap: which version replaced which, who, why, how many re-scored. */
export const WeightingSwapRow = defineEntity({
	name: 'WeightingSwapRow',
	tableName: 'weighting_swap',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		fromSchemeId: p.uuid().nullable(),
		toSchemeId: p.uuid(),
		actorId: p.uuid().nullable(),
		reason: p.text(),
		rescored: p.integer(),
		leftFinalised: p.integer(),
		at: p.datetime()
	}
});
export type IWeightingSwapRow = InferEntity<typeof WeightingSwapRow>;
