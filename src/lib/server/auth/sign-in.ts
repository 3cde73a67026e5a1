import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/record';
import { checkLoginRateLimit, recordLoginAttempt } from './rate-limit';
import { verifyPassword } from './secrets';
import { createSession, revokeSession } from './sessions';
import { execute } from './sql';

export type SignInResult =
	| { ok: true; token: string; sessionId: string; expiresAt: Date; accountId: string }
	/** One answer for unknown email, wrong password and a disabled or not yet accepted account. */
	| { ok: false; code: 'invalid_credentials' }
	| { ok: false; code: 'rate_limited'; retryAfterMinutes: number };

export function normaliseEmail(email: string): string {
	return email.trim().normalize('NFKC').toLowerCase();
}

/**
 * Email + password sign-in. Rate limits are checked before the password, per account and per
 * address; every outcome lands in the audit trail. The caller sets the cookie from `token`.
 */
export async function signIn(
	em: EntityManager,
	input: {
		organisationId: string;
		email: string;
		password: string;
		ip: string;
		userAgent?: string | null;
		now?: Date;
	}
): Promise<SignInResult> {
	const now = input.now ?? new Date();
	const email = normaliseEmail(input.email).slice(0, 320);
	const { organisationId, ip } = input;
	const limit = await checkLoginRateLimit(em, { organisationId, email, ip, now });
	if (limit.limited) {
		await recordAudit(em, {
			organisationId,
			actor: { accountId: null, label: email },
			action: 'auth.sign_in_rate_limited',
			entity: 'user_account',
			after: { scope: limit.scope },
			ip,
			at: now
		});
		return {
			ok: false,
			code: 'rate_limited',
			retryAfterMinutes: Math.ceil(limit.retryAfterMs / 60_000)
		};
	}
	const rows = await execute<{
		id: string;
		password_hash: string | null;
		status: string;
		auth_provider: string;
	}>(
		em,
		`select id, password_hash, status, auth_provider from user_account where organisation_id = ? and email = ?`,
		[organisationId, email]
	);
	const account = rows[0];
	const usable = account?.status === 'active' && account.auth_provider === 'password';
	const matches = await verifyPassword(usable ? account.password_hash : null, input.password);
	await recordLoginAttempt(em, { organisationId, email, ip, succeeded: matches, now });
	if (!account || !matches) {
		if (account) {
			await execute(
				em,
				`update user_account set failed_attempts = failed_attempts + 1 where id = ?`,
				[account.id]
			);
		}
		await recordAudit(em, {
			organisationId,
			actor: { accountId: null, label: email },
			action: 'auth.sign_in_failed',
			entity: 'user_account',
			entityId: account?.id ?? null,
			ip,
			at: now
		});
		return { ok: false, code: 'invalid_credentials' };
	}
	await execute(
		em,
		`update user_account set failed_attempts = 0, last_sign_in_at = ?, updated_at = ? where id = ?`,
		[now, now, account.id]
	);
	const session = await createSession(em, {
		organisationId,
		accountId: account.id,
		ip,
		userAgent: input.userAgent,
		now
	});
	await recordAudit(em, {
		organisationId,
		actor: { accountId: account.id, label: email },
		action: 'auth.sign_in',
		entity: 'session',
		entityId: session.sessionId,
		ip,
		at: now
	});
	return { ok: true, ...session, accountId: account.id };
}

/** Sign-out: revokes the session and records it. */
export async function signOut(
	em: EntityManager,
	session: { id: string; organisationId: string; accountId: string; email: string },
	ip: string | null,
	now: Date = new Date()
): Promise<void> {
	await revokeSession(em, session.id, now);
	await recordAudit(em, {
		organisationId: session.organisationId,
		actor: { accountId: session.accountId, label: session.email },
		action: 'auth.sign_out',
		entity: 'session',
		entityId: session.id,
		ip,
		at: now
	});
}
