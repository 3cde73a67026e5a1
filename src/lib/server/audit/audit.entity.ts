import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One entry of the append-only audit trail (the table refuses UPDATE and DELETE). Write it
 * with `recordAudit`, which seals confidential before/after values.
 */
export const AuditLog = defineEntity({
	name: 'AuditLog',
	tableName: 'audit_log',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		at: p.datetime(),
		actorAccountId: p.uuid().nullable(),
		actorLabel: p.text().nullable(),
		action: p.text(),
		entity: p.text(),
		entityId: p.text().nullable(),
		before: p.json<unknown>().nullable(),
		after: p.json<unknown>().nullable(),
		ip: p.text().nullable()
	}
});
export type IAuditLog = InferEntity<typeof AuditLog>;
