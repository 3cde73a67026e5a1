import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/lib/server/db/test-db';
import { ensureDefaultOrganisation } from '../../src/lib/server/organisation';
import { createMemoryKeyring, generateKey, setKeyring } from '../../src/lib/server/crypto/keyring';
import { ensureDemoAccounts } from '../../src/lib/server/auth/demo-accounts';
import { signIn, signOut } from '../../src/lib/server/auth/sign-in';
import {
	SESSION_POLICY,
	revokeAccountSessions,
	validateSession
} from '../../src/lib/server/auth/sessions';
import { LOGIN_LIMITS } from '../../src/lib/server/auth/rate-limit';
import {
	inspectLink,
	issueInvitation,
	issuePasswordReset,
	redeemLink
} from '../../src/lib/server/auth/links';
import { execute } from '../../src/lib/server/auth/sql';
import { listAudit } from '../../src/lib/server/audit/query';

let db: TestDatabase;
let orgId: string;
const PASSWORD = 'correct horse battery staple';
const T0 = new Date('2025-03-03T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

const em = () => db.orm.em.fork();
const attempt = (email: string, password: string, now: Date, ip = '203.0.113.7') =>
	signIn(em(), { organisationId: orgId, email, password, ip, now });

beforeAll(async () => {
	setKeyring(createMemoryKeyring([generateKey()]));
	db = await createTestDatabase();
	orgId = await ensureDefaultOrganisation(db.orm.em.fork());
	await ensureDemoAccounts(em(), orgId, [
		{ email: 'Ada@Example.test', role: 'admin', password: PASSWORD },
		{ email: 'limit@example.test', role: 'hr', password: PASSWORD },
		{ email: 'expiry@example.test', role: 'designer', password: PASSWORD }
	]);
});
afterAll(async () => {
	setKeyring(undefined);
	await db?.close();
});

describe('sign-in', () => {
	it('signs in case-insensitively and audits it', async () => {
		const result = await attempt('ada@example.test', PASSWORD, T0);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const session = await validateSession(em(), result.token, at(MIN));
		expect(session?.email).toBe('ada@example.test');
		const rows = await execute<{ token_hash: string }>(
			em(),
			'select token_hash from session where id = ?',
			[result.sessionId]
		);
		expect(rows[0]?.token_hash).not.toContain(result.token);
		const audit = await listAudit(em(), { organisationId: orgId, action: 'auth.sign_in' });
		expect(
			audit.rows.some((r) => r.entityId === result.sessionId && r.actorLabel === 'ada@example.test')
		).toBe(true);
	});

	it('answers an unknown email exactly like a wrong password', async () => {
		const wrong = await attempt('ada@example.test', 'not the password', T0, '198.51.100.1');
		const unknown = await attempt('nobody@example.test', 'not the password', T0, '198.51.100.1');
		expect(wrong).toEqual({ ok: false, code: 'invalid_credentials' });
		expect(unknown).toEqual(wrong);
		const audit = await listAudit(em(), { organisationId: orgId, action: 'auth.sign_in_failed' });
		expect(audit.rows.map((r) => r.actorLabel)).toEqual(
			expect.arrayContaining(['ada@example.test', 'nobody@example.test'])
		);
	});

	it('rejects a disabled account with the same answer', async () => {
		await execute(
			em(),
			`update user_account set status = 'disabled' where email = 'expiry@example.test'`
		);
		expect(await attempt('expiry@example.test', PASSWORD, T0, '198.51.100.2')).toEqual({
			ok: false,
			code: 'invalid_credentials'
		});
		await execute(
			em(),
			`update user_account set status = 'active' where email = 'expiry@example.test'`
		);
	});
});

describe('rate limiting', () => {
	it('locks an account after repeated failures, says for how long, and reopens', async () => {
		for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
			expect((await attempt('limit@example.test', 'wrong', at(i * MIN), `192.0.2.${i}`)).ok).toBe(
				false
			);
		}
		// Even the right password is refused while limited, from any address.
		const limited = await attempt('limit@example.test', PASSWORD, at(5 * MIN), '192.0.2.99');
		expect(limited).toEqual({ ok: false, code: 'rate_limited', retryAfterMinutes: 10 });
		expect((await attempt('limit@example.test', PASSWORD, at(16 * MIN), '192.0.2.99')).ok).toBe(
			true
		);
		const audit = await listAudit(em(), {
			organisationId: orgId,
			action: 'auth.sign_in_rate_limited'
		});
		expect(audit.total).toBeGreaterThan(0);
	});

	it('limits one address trying many accounts', async () => {
		const ip = '192.0.2.200';
		const base = at(2 * HOUR);
		for (let i = 0; i < LOGIN_LIMITS.perAddress; i++)
			await attempt(`guess${i}@example.test`, 'x', base, ip);
		const result = await attempt('ada@example.test', PASSWORD, base, ip);
		expect(result).toMatchObject({ ok: false, code: 'rate_limited', retryAfterMinutes: 15 });
		expect((await attempt('ada@example.test', PASSWORD, base, '192.0.2.201')).ok).toBe(true);
	});
});

describe('sessions', () => {
	it('slides the idle expiry with use, up to the absolute limit', async () => {
		const result = await attempt('expiry@example.test', PASSWORD, T0, '198.51.100.3');
		if (!result.ok) throw new Error('sign-in failed');
		let now = T0;
		while (now.getTime() + 10 * HOUR < T0.getTime() + SESSION_POLICY.absoluteMs) {
			now = new Date(now.getTime() + 10 * HOUR);
			expect(await validateSession(em(), result.token, now), now.toISOString()).not.toBeNull();
		}
		expect(
			await validateSession(em(), result.token, at(SESSION_POLICY.absoluteMs + MIN))
		).toBeNull();
	});

	it('expires after the idle time without use', async () => {
		const result = await attempt('expiry@example.test', PASSWORD, T0, '198.51.100.3');
		if (!result.ok) throw new Error('sign-in failed');
		expect(
			await validateSession(em(), result.token, at(SESSION_POLICY.idleMs - MIN))
		).not.toBeNull();
		const later = at(SESSION_POLICY.idleMs - MIN + SESSION_POLICY.idleMs + MIN);
		expect(await validateSession(em(), result.token, later)).toBeNull();
	});

	it('ends on sign-out and on revocation of every session', async () => {
		const one = await attempt('expiry@example.test', PASSWORD, T0, '198.51.100.4');
		const two = await attempt('expiry@example.test', PASSWORD, T0, '198.51.100.4');
		if (!one.ok || !two.ok) throw new Error('sign-in failed');
		const session = await validateSession(em(), one.token, T0);
		if (!session) throw new Error('no session');
		await signOut(em(), session, '198.51.100.4', T0);
		expect(await validateSession(em(), one.token, T0)).toBeNull();
		expect(await validateSession(em(), two.token, T0)).not.toBeNull();
		expect(await revokeAccountSessions(em(), orgId, two.accountId, T0)).toBeGreaterThan(0);
		expect(await validateSession(em(), two.token, T0)).toBeNull();
		expect(await validateSession(em(), 'garbage', T0)).toBeNull();
	});
});

describe('invitations and resets', () => {
	const admin = { accountId: null, label: 'ada@example.test' };

	it('invites, accepts once, then signs in', async () => {
		const link = await issueInvitation(em(), {
			organisationId: orgId,
			email: 'New.Person@example.test',
			roles: [{ role: 'designer', scopeUnitId: null }],
			issuedBy: admin,
			now: T0
		});
		expect(link.path).toBe(`/invite/${link.token}`);
		expect(await attempt('new.person@example.test', PASSWORD, T0, '198.51.100.5')).toMatchObject({
			ok: false
		});
		expect(await inspectLink(em(), link.token, 'invitation', T0)).toMatchObject({
			ok: true,
			email: 'new.person@example.test'
		});
		expect(await inspectLink(em(), link.token, 'reset', T0)).toEqual({ ok: false });
		expect(
			await redeemLink(em(), { token: link.token, kind: 'invitation', password: 'short', now: T0 })
		).toEqual({ ok: false, code: 'too_short' });
		expect(
			await redeemLink(em(), { token: link.token, kind: 'invitation', password: PASSWORD, now: T0 })
		).toMatchObject({ ok: true });
		expect(
			await redeemLink(em(), { token: link.token, kind: 'invitation', password: PASSWORD, now: T0 })
		).toEqual({ ok: false, code: 'invalid_link' });
		expect((await attempt('new.person@example.test', PASSWORD, at(MIN), '198.51.100.5')).ok).toBe(
			true
		);
		// Other tests here write many sign-in entries at later instants; ask for exactly these.
		for (const action of ['auth.invitation_issued', 'auth.invitation_accepted']) {
			const audit = await listAudit(em(), {
				organisationId: orgId,
				action,
				entityId: link.accountId
			});
			expect(audit.rows.map((r) => r.action)).toEqual([action]);
		}
	});

	it('refuses an expired invitation and retires a superseded one', async () => {
		const first = await issueInvitation(em(), {
			organisationId: orgId,
			email: 'late@example.test',
			issuedBy: admin,
			now: T0
		});
		const second = await issueInvitation(em(), {
			organisationId: orgId,
			email: 'late@example.test',
			issuedBy: admin,
			now: T0
		});
		expect(await inspectLink(em(), first.token, 'invitation', at(MIN))).toEqual({ ok: false });
		const expired = at(8 * 24 * HOUR);
		expect(
			await redeemLink(em(), {
				token: second.token,
				kind: 'invitation',
				password: PASSWORD,
				now: expired
			})
		).toEqual({ ok: false, code: 'invalid_link' });
	});

	it('resets a password and signs out every old session', async () => {
		const before = await attempt('ada@example.test', PASSWORD, at(3 * HOUR), '198.51.100.6');
		if (!before.ok) throw new Error('sign-in failed');
		const link = await issuePasswordReset(em(), {
			organisationId: orgId,
			accountId: before.accountId,
			issuedBy: admin,
			now: at(3 * HOUR)
		});
		const newPassword = 'a much better passphrase';
		expect(
			await redeemLink(em(), {
				token: link.token,
				kind: 'reset',
				password: newPassword,
				now: at(3 * HOUR + MIN)
			})
		).toMatchObject({ ok: true });
		expect(await validateSession(em(), before.token, at(3 * HOUR + 2 * MIN))).toBeNull();
		expect(
			(await attempt('ada@example.test', PASSWORD, at(3 * HOUR + 3 * MIN), '198.51.100.6')).ok
		).toBe(false);
		expect(
			(await attempt('ada@example.test', newPassword, at(3 * HOUR + 4 * MIN), '198.51.100.6')).ok
		).toBe(true);
		const audit = await listAudit(em(), { organisationId: orgId, action: 'auth.password_reset' });
		expect(audit.total).toBe(1);
	});
});
