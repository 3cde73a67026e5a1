import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const INSTANCE_STATUSES = ['running', 'done', 'failed', 'cancelled'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/**
 * A running workflow for one subject. Written by the runtime only (raw SQL on the hot path);
 * `version` is the optimistic counter and equals the seq of the last journal row.
 */
export const Instance = defineEntity({
	name: 'Instance',
	tableName: 'instance',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		definitionVersionId: p.uuid(),
		subjectId: p.uuid(),
		status: p.enum([...INSTANCE_STATUSES]),
		snapshot: p.json<Record<string, unknown>>(),
		stateValue: p.json<unknown>(),
		version: p.integer(),
		startedAt: p.datetime(),
		updatedAt: p.datetime(),
		completedAt: p.datetime().nullable()
	}
});
export type IInstance = InferEntity<typeof Instance>;

export const JOURNAL_KINDS = ['start', 'event', 'timer', 'migration'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** Append-only history of an instance (a trigger refuses updates). */
export const Journal = defineEntity({
	name: 'Journal',
	tableName: 'journal',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		instanceId: p.uuid(),
		seq: p.integer(),
		kind: p.enum([...JOURNAL_KINDS]),
		eventType: p.text(),
		payload: p.json<unknown>().nullable(),
		actorId: p.uuid().nullable(),
		clientEventId: p.text().nullable(),
		fromState: p.json<unknown>().nullable(),
		toState: p.json<unknown>(),
		at: p.datetime()
	}
});
export type IJournal = InferEntity<typeof Journal>;
