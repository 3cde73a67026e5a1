/** Roles an account can hold. `employee` is implied by a linked employee record. */
export const ROLES = ['employee', 'manager', 'hr', 'designer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A role held over a part of the org tree; `scopeUnitId` null means the whole organisation. */
export type RoleGrant = { readonly role: Role; readonly scopeUnitId: string | null };

/** Who is asking. Built once per request from the session (see `loadActor`). */
export type Actor = {
	readonly accountId: string;
	readonly organisationId: string;
	/** The employee the account belongs to; null for a pure service/admin account. */
	readonly employeeId: string | null;
	readonly grants: readonly RoleGrant[];
};

/**
 * The facts about a person that decide who may see things about them: their manager chain
 * (nearest first) and their unit with its ancestors (nearest first). Loaded by `loadPersonFacts`.
 */
export type PersonFacts = {
	readonly organisationId: string;
	readonly employeeId: string;
	readonly managerChain: readonly string[];
	readonly unitAncestry: readonly string[];
};

/** What the request is about: the organisation as a whole, or one person's data. */
export type Target =
	| { readonly kind: 'organisation'; readonly organisationId: string }
	| ({ readonly kind: 'person'; readonly visibility?: 'visible' | 'private' } & PersonFacts);

export const PERMISSIONS = [
	'goal.read',
	'goal.write',
	'evaluation.read',
	'evaluation.write',
	'feedback.read',
	'feedback.write',
	'task.read',
	'instance.read',
	'instance.manage',
	'person.read',
	'metric.read',
	'definition.read',
	'definition.write',
	'people.manage',
	'role.manage',
	'metric.manage',
	'weighting.manage',
	'setting.manage',
	'audit.read'
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Permissions whose target is a person; the rest are about the organisation. */
export const PERSON_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
	'goal.read',
	'goal.write',
	'evaluation.read',
	'evaluation.write',
	'feedback.read',
	'feedback.write',
	'task.read',
	'instance.read',
	'instance.manage',
	'person.read'
]);

/**
 * Refusals on these answer 404: whether someone has an evaluation, feedback or a task at all
 * is itself private.
 */
export const HIDDEN_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
	'evaluation.read',
	'evaluation.write',
	'feedback.read',
	'task.read',
	'instance.read'
]);

export type Decision =
	| { readonly allowed: true }
	| { readonly allowed: false; readonly status: 403 | 404; readonly reason: string };
