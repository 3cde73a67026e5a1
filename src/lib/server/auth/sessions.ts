import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { generateToken, hashToken } from './secrets';
import { execute } from './sql';

export const SESSION_COOKIE = 'loopwork_session';

/** Idle expiry slides with use; the absolute limit forces a fresh sign-in once a week. */
export const SESSION_POLICY = {
	idleMs: 12 * 60 * 60 * 1000,
	absoluteMs: 7 * 24 * 60 * 60 * 1000,
	/** Write `last_seen_at`/`expires_at` at most this often, not on every request. */
	touchEveryMs: 5 * 60 * 1000
} as const;

export type SessionRecord = {
	id: string;
	organisationId: string;
	accountId: string;
	email: string;
	employeeId: string | null;
	createdAt: Date;
	expiresAt: Date;
	lastSeenAt: Date;
};

type SessionRow = {
	id: string;
	organisation_id: string;
	account_id: string;
	email: string;
	employee_id: string | null;
	created_at: Date;
	expires_at: Date;
	absolute_expires_at: Date;
	last_seen_at: Date;
};

function toRecord(row: SessionRow, expiresAt: Date, lastSeenAt: Date): SessionRecord {
	return {
		id: row.id,
		organisationId: row.organisation_id,
		accountId: row.account_id,
		email: row.email,
		employeeId: row.employee_id,
		createdAt: new Date(row.created_at),
		expiresAt,
		lastSeenAt
	};
}

/** Starts a session; returns the token for the cookie (the row keeps only its hash). */
export async function createSession(
	em: EntityManager,
	input: {
		organisationId: string;
		accountId: string;
		ip?: string | null;
		userAgent?: string | null;
		now?: Date;
	}
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
	const now = input.now ?? new Date();
	const token = generateToken();
	const id = randomUUID();
	const expiresAt = new Date(now.getTime() + SESSION_POLICY.idleMs);
	const absolute = new Date(now.getTime() + SESSION_POLICY.absoluteMs);
	await execute(
		em,
		`insert into session (id, organisation_id, account_id, token_hash, created_at, expires_at, absolute_expires_at, last_seen_at, ip, user_agent)
		 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			id,
			input.organisationId,
			input.accountId,
			hashToken(token),
			now,
			expiresAt,
			absolute,
			now,
			input.ip ?? null,
			input.userAgent?.slice(0, 400) ?? null
		]
	);
	return { token, sessionId: id, expiresAt };
}

/**
 * The session for a cookie token, or null when unknown, expired, revoked or the account is no
 * longer active. Extends the idle expiry (up to the absolute limit) when it is used.
 */
export async function validateSession(
	em: EntityManager,
	token: string,
	now: Date = new Date()
): Promise<SessionRecord | null> {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const rows = await execute<SessionRow>(
		em,
		`select s.id, s.organisation_id, s.account_id, a.email, a.employee_id, s.created_at,
		        s.expires_at, s.absolute_expires_at, s.last_seen_at
		   from session s join user_account a on a.id = s.account_id and a.organisation_id = s.organisation_id
		  where s.token_hash = ? and s.revoked_at is null and a.status = 'active'
		    and s.expires_at > ? and s.absolute_expires_at > ?`,
		[hashToken(token), now, now]
	);
	const row = rows[0];
	if (!row) return null;
	const lastSeen = new Date(row.last_seen_at);
	if (now.getTime() - lastSeen.getTime() < SESSION_POLICY.touchEveryMs) {
		return toRecord(row, new Date(row.expires_at), lastSeen);
	}
	const absolute = new Date(row.absolute_expires_at).getTime();
	const expiresAt = new Date(Math.min(now.getTime() + SESSION_POLICY.idleMs, absolute));
	await execute(
		em,
		`update session set last_seen_at = ?, expires_at = ? where id = ? and revoked_at is null`,
		[now, expiresAt, row.id]
	);
	return toRecord(row, expiresAt, now);
}

/** Ends one session (sign-out). */
export async function revokeSession(
	em: EntityManager,
	sessionId: string,
	now: Date = new Date()
): Promise<void> {
	await execute(em, `update session set revoked_at = ? where id = ? and revoked_at is null`, [
		now,
		sessionId
	]);
}

/** Ends every session of an account (password reset, disabling, role change); returns how many. */
export async function revokeAccountSessions(
	em: EntityManager,
	organisationId: string,
	accountId: string,
	now: Date = new Date()
): Promise<number> {
	const rows = await execute(
		em,
		`update session set revoked_at = ? where organisation_id = ? and account_id = ? and revoked_at is null returning id`,
		[now, organisationId, accountId]
	);
	return rows.length;
}

/** Deletes sessions past their expiry for a while (a daily job may call it). */
export async function purgeExpiredSessions(
	em: EntityManager,
	now: Date = new Date()
): Promise<number> {
	const cutoff = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
	const rows = await execute(em, `delete from session where expires_at < ? returning id`, [cutoff]);
	return rows.length;
}
