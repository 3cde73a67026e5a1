import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { AuditLog } from '../audit/audit.entity';

export const ACCOUNT_STATUSES = ['invited', 'active', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * A sign-in identity. `authProvider` is the seam for single sign-on: an `oidc` account has no
 * password hash and is matched by `externalSubject` (not built yet).
 */
export const UserAccount = defineEntity({
	name: 'UserAccount',
	tableName: 'user_account',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		employeeId: p.uuid().nullable(),
		email: p.text(),
		passwordHash: p.text().nullable().hidden().lazy(),
		status: p.enum([...ACCOUNT_STATUSES]),
		authProvider: p.enum(['password', 'oidc']).default('password'),
		externalSubject: p.text().nullable(),
		failedAttempts: p.integer().default(0),
		lastSignInAt: p.datetime().nullable(),
		createdAt: p.datetime().defaultRaw('now()'),
		updatedAt: p.datetime().defaultRaw('now()')
	}
});
export type IUserAccount = InferEntity<typeof UserAccount>;

/** A role held by an account or an employee, over the whole org or one unit's subtree. */
export const RoleAssignment = defineEntity({
	name: 'RoleAssignment',
	tableName: 'role_assignment',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		accountId: p.uuid().nullable(),
		employeeId: p.uuid().nullable(),
		role: p.enum(['employee', 'manager', 'hr', 'designer', 'admin']),
		scopeUnitId: p.uuid().nullable(),
		createdBy: p.uuid().nullable(),
		createdAt: p.datetime().defaultRaw('now()')
	}
});
export type IRoleAssignment = InferEntity<typeof RoleAssignment>;

/** A server-side session; the cookie holds the token, this row only its SHA-256. */
export const Session = defineEntity({
	name: 'Session',
	tableName: 'session',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		accountId: p.uuid(),
		tokenHash: p.text().hidden(),
		createdAt: p.datetime(),
		expiresAt: p.datetime(),
		absoluteExpiresAt: p.datetime(),
		lastSeenAt: p.datetime(),
		revokedAt: p.datetime().nullable(),
		ip: p.text().nullable(),
		userAgent: p.text().nullable()
	}
});
export type ISession = InferEntity<typeof Session>;

/** An invitation or password-reset link issued by an admin; single use, hashed. */
export const AuthToken = defineEntity({
	name: 'AuthToken',
	tableName: 'auth_token',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		accountId: p.uuid(),
		kind: p.enum(['invitation', 'reset']),
		tokenHash: p.text().hidden(),
		createdBy: p.uuid().nullable(),
		createdAt: p.datetime(),
		expiresAt: p.datetime(),
		usedAt: p.datetime().nullable()
	}
});
export type IAuthToken = InferEntity<typeof AuthToken>;

/** One sign-in attempt, kept for the rate limits (per account email and per address). */
export const LoginAttempt = defineEntity({
	name: 'LoginAttempt',
	tableName: 'login_attempt',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		email: p.text(),
		ip: p.text(),
		succeeded: p.boolean(),
		at: p.datetime()
	}
});
export type ILoginAttempt = InferEntity<typeof LoginAttempt>;

/** The sign-in and audit entities, for the ORM's entity list. */
export const securityEntities = [
	UserAccount,
	RoleAssignment,
	Session,
	AuthToken,
	LoginAttempt,
	AuditLog
];
