import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const OUTBOX_KINDS = ['notify', 'action'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export const OUTBOX_STATUSES = ['pending', 'done', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Side effects written in the event transaction and delivered later by a worker. */
export const Outbox = defineEntity({
	name: 'Outbox',
	tableName: 'outbox',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		instanceId: p.uuid().nullable(),
		kind: p.enum([...OUTBOX_KINDS]),
		payload: p.json<Record<string, unknown>>(),
		idempotencyKey: p.text().unique(),
		status: p.enum([...OUTBOX_STATUSES]),
		attempts: p.integer().default(0),
		availableAt: p.datetime(),
		lastError: p.text().nullable(),
		createdAt: p.datetime(),
		doneAt: p.datetime().nullable()
	}
});
export type IOutbox = InferEntity<typeof Outbox>;

/** An in-app notification, delivered from a `notify` outbox row. */
export const Notification = defineEntity({
	name: 'Notification',
	tableName: 'notification',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		instanceId: p.uuid().nullable(),
		recipientPersonId: p.uuid().nullable(),
		recipientRole: p.text().nullable(),
		template: p.text(),
		params: p.json<Record<string, unknown>>(),
		createdAt: p.datetime(),
		readAt: p.datetime().nullable()
	}
});
export type INotification = InferEntity<typeof Notification>;
