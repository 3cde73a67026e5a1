import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit, type AuditActor } from '../audit/record';
import type { RoleGrant } from '../policy/types';
import { checkPasswordStrength, generateToken, hashPassword, hashToken } from './secrets';
import { revokeAccountSessions } from './sessions';
import { normaliseEmail } from './sign-in';
import { execute } from './sql';

export type LinkKind = 'invitation' | 'reset';

export const LINK_LIFETIME_MS: Record<LinkKind, number> = {
	invitation: 7 * 24 * 60 * 60 * 1000,
	reset: 24 * 60 * 60 * 1000
};

export type IssuedLink = { token: string; path: string; accountId: string; expiresAt: Date };

async function issueLink(
	em: EntityManager,
	input: {
		organisationId: string;
		accountId: string;
		kind: LinkKind;
		issuedBy: AuditActor;
		now: Date;
	}
): Promise<IssuedLink> {
	const { organisationId, accountId, kind, now } = input;
	// One live link per account and kind: issuing a new one retires the previous.
	await execute(
		em,
		`update auth_token set expires_at = ? where organisation_id = ? and account_id = ? and kind = ? and used_at is null and expires_at > ?`,
		[now, organisationId, accountId, kind, now]
	);
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS[kind]);
	const id = randomUUID();
	await execute(
		em,
		`insert into auth_token (id, organisation_id, account_id, kind, token_hash, created_by, created_at, expires_at)
		 values (?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			id,
			organisationId,
			accountId,
			kind,
			hashToken(token),
			input.issuedBy.accountId,
			now,
			expiresAt
		]
	);
	await recordAudit(em, {
		organisationId,
		actor: input.issuedBy,
		action: kind === 'invitation' ? 'auth.invitation_issued' : 'auth.reset_issued',
		entity: 'user_account',
		entityId: accountId,
		after: { expiresAt: expiresAt.toISOString() },
		at: now
	});
	return {
		token,
		path: `/${kind === 'invitation' ? 'invite' : 'reset'}/${token}`,
		accountId,
		expiresAt
	};
}

/**
 * An admin invites someone: creates the account (status `invited`, no password) with its roles,
 * or re-invites one that has not accepted yet. The link is shown to the admin to pass on.
 */
export async function issueInvitation(
	em: EntityManager,
	input: {
		organisationId: string;
		email: string;
		employeeId?: string | null;
		roles?: readonly RoleGrant[];
		issuedBy: AuditActor;
		now?: Date;
	}
): Promise<IssuedLink> {
	const now = input.now ?? new Date();
	const email = normaliseEmail(input.email);
	const existing = await execute<{ id: string; status: string }>(
		em,
		`select id, status from user_account where organisation_id = ? and email = ?`,
		[input.organisationId, email]
	);
	let accountId = existing[0]?.id;
	if (existing[0] && existing[0].status !== 'invited') {
		throw new Error(`an account for ${email} already exists; issue a reset link instead`);
	}
	if (!accountId) {
		accountId = randomUUID();
		await execute(
			em,
			`insert into user_account (id, organisation_id, employee_id, email, status, created_at, updated_at)
			 values (?, ?, ?, ?, 'invited', ?, ?)`,
			[accountId, input.organisationId, input.employeeId ?? null, email, now, now]
		);
	}
	for (const grant of input.roles ?? []) {
		await execute(
			em,
			`insert into role_assignment (id, organisation_id, account_id, role, scope_unit_id, created_by, created_at)
			 values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
			[
				randomUUID(),
				input.organisationId,
				accountId,
				grant.role,
				grant.scopeUnitId,
				input.issuedBy.accountId,
				now
			]
		);
	}
	return issueLink(em, {
		organisationId: input.organisationId,
		accountId,
		kind: 'invitation',
		issuedBy: input.issuedBy,
		now
	});
}

/** An admin issues a password-reset link for an existing account. */
export async function issuePasswordReset(
	em: EntityManager,
	input: { organisationId: string; accountId: string; issuedBy: AuditActor; now?: Date }
): Promise<IssuedLink> {
	return issueLink(em, { ...input, kind: 'reset', now: input.now ?? new Date() });
}

/** Whether a link can still be used, and for whom. Unknown, used and expired look the same. */
export async function inspectLink(
	em: EntityManager,
	token: string,
	kind: LinkKind,
	now: Date = new Date()
): Promise<{ ok: true; email: string; organisationId: string } | { ok: false }> {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false };
	const rows = await execute<{ email: string; organisation_id: string }>(
		em,
		`select a.email, t.organisation_id from auth_token t join user_account a on a.id = t.account_id
		  where t.token_hash = ? and t.kind = ? and t.used_at is null and t.expires_at > ? and a.status <> 'disabled'`,
		[hashToken(token), kind, now]
	);
	const row = rows[0];
	return row ? { ok: true, email: row.email, organisationId: row.organisation_id } : { ok: false };
}

/**
 * Uses a link: sets the password, activates the account, and for a reset ends every session
 * the account had. The token is consumed atomically, so a link works exactly once.
 */
export async function redeemLink(
	em: EntityManager,
	input: { token: string; kind: LinkKind; password: string; ip?: string | null; now?: Date }
): Promise<
	| { ok: true; accountId: string; organisationId: string; email: string }
	| { ok: false; code: 'invalid_link' | 'too_short' | 'too_long' }
> {
	const now = input.now ?? new Date();
	const strength = checkPasswordStrength(input.password);
	if (!strength.ok) return { ok: false, code: strength.code };
	if (!/^[A-Za-z0-9_-]{43}$/.test(input.token)) return { ok: false, code: 'invalid_link' };
	const passwordHash = await hashPassword(input.password);
	return em.transactional(async (tx) => {
		const used = await execute<{ account_id: string; organisation_id: string }>(
			tx,
			`update auth_token t set used_at = ?
			   from user_account a
			  where a.id = t.account_id and a.status <> 'disabled'
			    and t.token_hash = ? and t.kind = ? and t.used_at is null and t.expires_at > ?
			  returning t.account_id, t.organisation_id`,
			[now, hashToken(input.token), input.kind, now]
		);
		const link = used[0];
		if (!link) return { ok: false as const, code: 'invalid_link' as const };
		const accounts = await execute<{ email: string }>(
			tx,
			`update user_account set password_hash = ?, status = 'active', failed_attempts = 0, updated_at = ?
			  where id = ? and organisation_id = ? returning email`,
			[passwordHash, now, link.account_id, link.organisation_id]
		);
		const email = accounts[0]?.email ?? '';
		if (input.kind === 'reset')
			await revokeAccountSessions(tx, link.organisation_id, link.account_id, now);
		await recordAudit(tx, {
			organisationId: link.organisation_id,
			actor: { accountId: link.account_id, label: email },
			action: input.kind === 'invitation' ? 'auth.invitation_accepted' : 'auth.password_reset',
			entity: 'user_account',
			entityId: link.account_id,
			ip: input.ip ?? null,
			at: now
		});
		return {
			ok: true as const,
			accountId: link.account_id,
			organisationId: link.organisation_id,
			email
		};
	});
}
