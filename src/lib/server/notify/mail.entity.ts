import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const MAIL_STATUSES = ['pending', 'kept', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * The e-mail outbox: one row per notification and recipient, created by a trigger with the
 * notification. `kept` rows are rendered but not sent (no SMTP configured); admins read them.
 */
export const MailMessage = defineEntity({
	name: 'MailMessage',
	tableName: 'mail_message',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		notificationId: p.uuid().nullable(),
		toPersonId: p.uuid().nullable(),
		toEmail: p.text(),
		subject: p.text().nullable(),
		bodyText: p.text().nullable(),
		bodyHtml: p.text().nullable(),
		status: p.enum([...MAIL_STATUSES]),
		attempts: p.integer().default(0),
		lastError: p.text().nullable(),
		createdAt: p.datetime(),
		sentAt: p.datetime().nullable()
	}
});
export type IMailMessage = InferEntity<typeof MailMessage>;
