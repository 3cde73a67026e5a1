import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { execute } from './sql';

/**
 * Failed sign-ins allowed per window: few per account (guessing one person's password), more
 * per address (an office behind one NAT). A success clears the account's count.
 */
export const LOGIN_LIMITS = {
	windowMs: 15 * 60 * 1000,
	perAccount: 5,
	perAddress: 30
} as const;

export type RateLimitState =
	{ limited: false } | { limited: true; retryAfterMs: number; scope: 'account' | 'address' };

/** When the `limit`-th most recent failure leaves the window, the next attempt is allowed. */
function retryAfter(failures: Date[], limit: number, now: Date): number | null {
	if (failures.length < limit) return null;
	const sorted = failures.map((d) => new Date(d).getTime()).sort((a, b) => b - a);
	const pivot = sorted[limit - 1] as number;
	return Math.max(1000, pivot + LOGIN_LIMITS.windowMs - now.getTime());
}

export async function checkLoginRateLimit(
	em: EntityManager,
	input: { organisationId: string; email: string; ip: string; now?: Date }
): Promise<RateLimitState> {
	const now = input.now ?? new Date();
	const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs);
	const byAccount = await execute<{ at: Date }>(
		em,
		`select at from login_attempt
		  where organisation_id = ? and email = ? and at > ? and not succeeded
		    and at > coalesce((select max(at) from login_attempt
		                        where organisation_id = ? and email = ? and succeeded), '-infinity')
		  order by at desc limit ?`,
		[
			input.organisationId,
			input.email,
			since,
			input.organisationId,
			input.email,
			LOGIN_LIMITS.perAccount
		]
	);
	const accountWait = retryAfter(
		byAccount.map((r) => r.at),
		LOGIN_LIMITS.perAccount,
		now
	);
	if (accountWait !== null) return { limited: true, retryAfterMs: accountWait, scope: 'account' };
	const byAddress = await execute<{ at: Date }>(
		em,
		`select at from login_attempt where organisation_id = ? and ip = ? and at > ? and not succeeded
		  order by at desc limit ?`,
		[input.organisationId, input.ip, since, LOGIN_LIMITS.perAddress]
	);
	const addressWait = retryAfter(
		byAddress.map((r) => r.at),
		LOGIN_LIMITS.perAddress,
		now
	);
	if (addressWait !== null) return { limited: true, retryAfterMs: addressWait, scope: 'address' };
	return { limited: false };
}

export async function recordLoginAttempt(
	em: EntityManager,
	input: { organisationId: string; email: string; ip: string; succeeded: boolean; now?: Date }
): Promise<void> {
	const now = input.now ?? new Date();
	await execute(
		em,
		`insert into login_attempt (id, organisation_id, email, ip, succeeded, at) values (?, ?, ?, ?, ?, ?)`,
		[randomUUID(), input.organisationId, input.email, input.ip, input.succeeded, now]
	);
	// Attempts older than a day decide nothing any more.
	await execute(em, `delete from login_attempt where organisation_id = ? and at < ?`, [
		input.organisationId,
		new Date(now.getTime() - 24 * 60 * 60 * 1000)
	]);
}
