import type { EntityManager } from '@mikro-orm/postgresql';
import { execute } from '../auth/sql';
import { logger } from '../log';
import { notificationText } from './notifications';
import { renderShipped } from './templates/index';
import type { MailStatus } from './mail.entity';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

const GREETING: Record<string, string> = { en: 'Hello', 'zh-CN': '您好' };
const LINK_LABEL: Record<string, string> = {
	en: 'Open in Loopwork',
	'zh-CN': '在 Loopwork 中打开'
};

/** The SMTP server mail goes to (`LOOPWORK_SMTP_URL`); unset → mail is kept for admins. */
export function smtpUrl(env: Record<string, string | undefined> = process.env): string | undefined {
	return env.LOOPWORK_SMTP_URL || undefined;
}

/** The sender address of outgoing mail (`LOOPWORK_MAIL_FROM`). */
export function mailFrom(env: Record<string, string | undefined> = process.env): string {
	return env.LOOPWORK_MAIL_FROM || 'Loopwork <loopwork@localhost>';
}

/** Attempts before a mail is given up as `failed`; retries back off 1, 2, 4, 8 minutes. */
export const MAX_MAIL_ATTEMPTS = 5;
const BACKOFF_BASE_SECONDS = 60;

type PendingRow = {
	id: string;
	to_email: string;
	recipient_name: string | null;
	recipient_locale: string | null;
	template: string | null;
	params: Record<string, unknown> | null;
	templates: unknown;
	instance_id: string | null;
	attempts: number;
};

type RenderedMail = { to: string; subject: string; text: string; html: string };
type MailTransport = { sendMail: (mail: RenderedMail & { from: string }) => Promise<unknown> };

const transports = new Map<string, MailTransport>();

/** One pooled nodemailer transport per SMTP URL, short timeouts so a dead server fails fast. */
function transportFor(url: string): MailTransport {
	let transport = transports.get(url);
	if (!transport) {
		transport = nodemailer.createTransport(url, {
			connectionTimeout: 10_000,
			greetingTimeout: 10_000,
			socketTimeout: 20_000
		} as SMTPTransport.Options);
		transports.set(url, transport);
	}
	return transport;
}

function errorText(err: unknown): string {
	const text = err instanceof Error ? err.message : String(err);
	return text.slice(0, 1000);
}

/**
 * Renders pending mail rows from their notification (shipped precompiled mail templates, the
 * recipient's locale) and sends them through SMTP when `LOOPWORK_SMTP_URL` is set; otherwise
 * they are `kept` in the outbox for admins to read. A failed send stays `pending` with its
 * attempts and last error and is retried with exponential backoff (measured from the row's
 * creation), until `MAX_MAIL_ATTEMPTS` marks it `failed`. Rows are claimed with SKIP LOCKED and
 * stay locked while they are sent, so several workers (or two ticks) never send one twice.
 */
export async function deliverMail(options: {
	em: EntityManager;
	now: Date;
	origin?: string;
	limit?: number;
	smtpUrl?: string;
}): Promise<{ kept: number; sent: number; failed: number; retrying: number }> {
	const em = options.em;
	const url = options.smtpUrl ?? smtpUrl();
	const origin = options.origin ?? (process.env.ORIGIN || undefined);
	const result = { kept: 0, sent: 0, failed: 0, retrying: 0 };
	await em.transactional(async (tx) => {
		const rows = await execute<PendingRow>(
			tx,
			`select m.id, m.to_email, e.name as recipient_name, e.locale as recipient_locale,
			    n.template, n.params, n.instance_id, v.content->'templates' as templates, m.attempts
			   from mail_message m
			   left join notification n on n.id = m.notification_id
			   left join employee e on e.id = m.to_person_id
			   left join instance i on i.id = n.instance_id
			   left join workflow_version v on v.id = i.definition_version_id
			  where m.status = 'pending'
			    and m.created_at + make_interval(secs => ?::int * (power(2, m.attempts)::int - 1)) <= ?::timestamptz
			  order by m.created_at limit ? for update of m skip locked`,
			[BACKOFF_BASE_SECONDS, options.now.toISOString(), options.limit ?? 100]
		);
		for (const row of rows) {
			const locale = row.recipient_locale?.startsWith('zh') ? 'zh-CN' : 'en';
			const title = notificationText(
				{ template: row.template ?? 'unknown', params: row.params ?? {}, templates: row.templates },
				locale
			);
			const link = row.instance_id && origin ? `${origin}/notifications` : undefined;
			const context = {
				title,
				locale,
				recipientName: row.recipient_name ?? row.to_email,
				greeting: GREETING[locale],
				link,
				linkLabel: LINK_LABEL[locale]
			};
			const mail: RenderedMail = {
				to: row.to_email,
				subject: renderShipped('mail.subject', context).trim(),
				text: renderShipped('mail.text', context),
				html: renderShipped('mail.html', context)
			};
			let status: MailStatus = 'kept';
			let lastError: string | null = null;
			let attempts = Number(row.attempts);
			if (url) {
				attempts++;
				try {
					await transportFor(url).sendMail({ ...mail, from: mailFrom() });
					status = 'sent';
				} catch (err) {
					lastError = errorText(err);
					status = attempts >= MAX_MAIL_ATTEMPTS ? 'failed' : 'pending';
					logger.warn({ err: lastError, mailId: row.id, attempts }, 'mail send failed');
				}
			}
			await execute(
				tx,
				`update mail_message set subject = ?, body_text = ?, body_html = ?, status = ?,
				   attempts = ?, last_error = ?, sent_at = ?::timestamptz where id = ?`,
				[
					mail.subject,
					mail.text,
					mail.html,
					status,
					attempts,
					lastError,
					status === 'sent' ? options.now.toISOString() : null,
					row.id
				]
			);
			if (status === 'pending') result.retrying++;
			else result[status]++;
		}
	});
	return result;
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
