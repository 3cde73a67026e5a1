import type { EntityManager } from '@mikro-orm/postgresql';
import { execute } from '../auth/sql';
import { logger } from '../log';
import { notificationText } from './notifications';
import { renderShipped } from './templates/index';
import type { MailStatus } from './mail.entity';

const GREETING: Record<string, string> = { en: 'Hello', 'zh-CN': '您好' };
const LINK_LABEL: Record<string, string> = {
	en: 'Open in Loopwork',
	'zh-CN': '在 Loopwork 中打开'
};

/** Where mail would go. No SMTP client ships with the app, so mail is kept (see README). */
export function smtpUrl(env: Record<string, string | undefined> = process.env): string | undefined {
	return env.LOOPWORK_SMTP_URL || undefined;
}

type PendingRow = {
	id: string;
	to_email: string;
	recipient_name: string | null;
	recipient_locale: string | null;
	template: string | null;
	params: Record<string, unknown> | null;
	templates: unknown;
	instance_id: string | null;
};

let hasWarned = false;

/**
 * Renders pending mail rows from their notification (shipped precompiled mail templates, the
 * recipient's locale) and keeps them: without an SMTP transport in this build they stay in the
 * outbox for admins to read. Claims rows with SKIP LOCKED, so several workers may run it.
 */
export async function deliverMail(options: {
	em: EntityManager;
	now: Date;
	origin?: string;
	limit?: number;
}): Promise<{ kept: number }> {
	const em = options.em;
	let kept = 0;
	await em.transactional(async (tx) => {
		const rows = await execute<PendingRow>(
			tx,
			`select m.id, m.to_email, e.name as recipient_name, e.locale as recipient_locale,
			    n.template, n.params, n.instance_id, v.content->'templates' as templates
			   from mail_message m
			   left join notification n on n.id = m.notification_id
			   left join employee e on e.id = m.to_person_id
			   left join instance i on i.id = n.instance_id
			   left join workflow_version v on v.id = i.definition_version_id
			  where m.status = 'pending' order by m.created_at limit ? for update of m skip locked`,
			[options.limit ?? 100]
		);
		for (const row of rows) {
			const locale = row.recipient_locale?.startsWith('zh') ? 'zh-CN' : 'en';
			const title = notificationText(
				{ template: row.template ?? 'unknown', params: row.params ?? {}, templates: row.templates },
				locale
			);
			const link =
				row.instance_id && options.origin ? `${options.origin}/notifications` : undefined;
			const context = {
				title,
				locale,
				recipientName: row.recipient_name ?? row.to_email,
				greeting: GREETING[locale],
				link,
				linkLabel: LINK_LABEL[locale]
			};
			const status: MailStatus = 'kept';
			if (smtpUrl() && !hasWarned) {
				hasWarned = true;
				logger.warn('LOOPWORK_SMTP_URL is set but this build has no SMTP client: mail is kept');
			}
			await execute(
				tx,
				`update mail_message set subject = ?, body_text = ?, body_html = ?, status = ?,
				   attempts = attempts + 1, last_error = ? where id = ?`,
				[
					renderShipped('mail.subject', context).trim(),
					renderShipped('mail.text', context),
					renderShipped('mail.html', context),
					status,
					smtpUrl() ? 'no SMTP client in this build' : null,
					row.id
				]
			);
			kept++;
		}
	});
	return { kept };
}

export type MailView = {
	id: string;
	toEmail: string;
	subject: string | null;
	bodyText: string | null;
	status: MailStatus;
	createdAt: string;
	sentAt: string | null;
	lastError: string | null;
};

/** The mail outbox of an organisation for admins, newest first. */
export async function listMail(options: {
	em: EntityManager;
	orgId: string;
	status?: MailStatus;
	limit?: number;
}): Promise<MailView[]> {
	const rows = await execute<Record<string, unknown>>(
		options.em,
		`select id, to_email, subject, body_text, status, created_at, sent_at, last_error from mail_message
		  where organisation_id = ?::uuid and (?::text is null or status = ?::text)
		  order by created_at desc, id limit ?`,
		[options.orgId, options.status ?? null, options.status ?? null, options.limit ?? 200]
	);
	return rows.map((row) => ({
		id: String(row.id),
		toEmail: String(row.to_email),
		subject: (row.subject as string | null) ?? null,
		bodyText: (row.body_text as string | null) ?? null,
		status: row.status as MailStatus,
		createdAt: new Date(row.created_at as string).toISOString(),
		sentAt: row.sent_at ? new Date(row.sent_at as string).toISOString() : null,
		lastError: (row.last_error as string | null) ?? null
	}));
}
