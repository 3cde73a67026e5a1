import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * An objective or key result of the cascade. `progress` (0–100) is stored, recomputed from
 * metric data by the progress service, so that boards and roll-ups read it without
 * aggregating values. Written through the goal services (raw SQL on the roll-up path).
 */
export const GoalRow = defineEntity({
	name: 'GoalRow',
	tableName: 'goal',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		parentId: p.uuid().nullable(),
		kind: p.enum(['objective', 'key_result'] as const),
		title: p.json<Record<string, string>>(),
		ownerKind: p.enum(['person', 'unit'] as const),
		ownerId: p.uuid(),
		startDate: p.date(),
		dueDate: p.date(),
		weight: p.double(),
		status: p.enum(['draft', 'awaiting_approval', 'active', 'done', 'archived'] as const),
		category: p.text().nullable(),
		supports: p.json<string[]>(),
		metricId: p.uuid().nullable(),
		metricSubjectId: p.uuid().nullable(),
		baseline: p.double().nullable(),
		target: p.double().nullable(),
		direction: p.text().nullable(),
		aggregation: p.text().nullable(),
		metricWindow: p.json<Record<string, unknown>>().nullable(),
		progress: p.double(),
		attainment: p.double(),
		/** What an evaluation scores, when not `attainment` (see `scoringWindow`). */
		scoredAttainment: p.double().nullable(),
		currentValue: p.double().nullable(),
		progressAt: p.datetime().nullable(),
		version: p.integer(),
		createdAt: p.datetime(),
		updatedAt: p.datetime()
	}
});
export type IGoalRow = InferEntity<typeof GoalRow>;

/** One change of a goal: who, when, why, the changed fields before and after. Append-only. */
export const GoalChangeRow = defineEntity({
	name: 'GoalChangeRow',
	tableName: 'goal_change',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		goalId: p.uuid(),
		kind: p.enum(['create', 'retarget', 'reweight', 'reparent', 'archive', 'relink'] as const),
		actorId: p.uuid().nullable(),
		reason: p.text(),
		before: p.json<Record<string, unknown>>().nullable(),
		after: p.json<Record<string, unknown>>(),
		at: p.datetime()
	}
});
export type IGoalChangeRow = InferEntity<typeof GoalChangeRow>;
