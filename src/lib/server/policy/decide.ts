import {
	HIDDEN_PERMISSIONS,
	PERSON_PERMISSIONS,
	type Actor,
	type Decision,
	type Permission,
	type PersonFacts,
	type Role,
	type Target
} from './types';

/** How the actor stands to a person. */
export type Relation = {
	readonly isSelf: boolean;
	/** The person is in the actor's reporting line, at any depth. */
	readonly isReport: boolean;
	/** The person is inside the unit scope of one of the actor's hr grants. */
	readonly isInHrScope: boolean;
};

export function hasRole(actor: Actor, role: Role, scope: 'any' | 'organisation' = 'any'): boolean {
	if (role === 'employee' && actor.employeeId !== null) return true;
	return actor.grants.some(
		(grant) => grant.role === role && (scope === 'any' || grant.scopeUnitId === null)
	);
}

export function relationTo(actor: Actor, person: PersonFacts): Relation {
	const me = actor.employeeId;
	return {
		isSelf: me !== null && person.employeeId === me,
		// A manager sees their whole reporting line. The grant is implied for anyone with
		// reports (`loadActor`), so it cannot drift from the org tree, yet a designer or admin
		// account acting without the manager role sees nothing of its reports.
		isReport:
			me !== null &&
			person.employeeId !== me &&
			person.managerChain.includes(me) &&
			actor.grants.some((grant) => grant.role === 'manager'),
		isInHrScope: actor.grants.some(
			(grant) =>
				grant.role === 'hr' &&
				(grant.scopeUnitId === null || person.unitAncestry.includes(grant.scopeUnitId))
		)
	};
}

type PersonRule = (relation: Relation, target: Extract<Target, { kind: 'person' }>) => boolean;

const ownLineOrHr: PersonRule = (r) => r.isSelf || r.isReport || r.isInHrScope;

const personRules: Record<string, PersonRule> = {
	// Cross-department visibility is the point of the product: goals are visible unless marked private.
	'goal.read': (r, t) => ownLineOrHr(r, t) || t.visibility !== 'private',
	'goal.write': ownLineOrHr,
	'evaluation.read': ownLineOrHr,
	// Nobody writes their own evaluation here; a self-assessment is a task the workflow opens.
	'evaluation.write': (r) => !r.isSelf && (r.isReport || r.isInHrScope),
	'feedback.read': ownLineOrHr,
	'feedback.write': (r) => !r.isSelf,
	'task.read': ownLineOrHr,
	'instance.read': ownLineOrHr,
	'instance.manage': (r) => r.isInHrScope,
	'person.read': () => true
};

const organisationRules: Record<string, (actor: Actor) => boolean> = {
	'metric.read': () => true,
	'definition.read': (a) => hasRole(a, 'designer') || hasRole(a, 'hr') || hasRole(a, 'admin'),
	'definition.write': (a) => hasRole(a, 'designer'),
	'people.manage': (a) => hasRole(a, 'admin'),
	'role.manage': (a) => hasRole(a, 'admin'),
	'metric.manage': (a) => hasRole(a, 'admin'),
	'weighting.manage': (a) => hasRole(a, 'admin'),
	'setting.manage': (a) => hasRole(a, 'admin'),
	// The trail spans every unit, so a unit-scoped hr grant does not open it.
	'audit.read': (a) => hasRole(a, 'admin') || hasRole(a, 'hr', 'organisation')
};

const ALLOW: Decision = { allowed: true };

function refuse(permission: Permission, reason: string, hide = false): Decision {
	return { allowed: false, status: hide || HIDDEN_PERMISSIONS.has(permission) ? 404 : 403, reason };
}

/**
 * THE decision for every read and write. Pure: the caller loads the actor and the target's
 * facts; nothing here touches the database, so pages, the API, the CLI and task assignment
 * all get the same answer.
 */
export function authorize(actor: Actor, permission: Permission, target: Target): Decision {
	// Another organisation's data does not exist for this actor.
	if (target.organisationId !== actor.organisationId)
		return refuse(permission, 'other organisation', true);
	if (PERSON_PERMISSIONS.has(permission)) {
		if (target.kind !== 'person') return refuse(permission, `${permission} needs a person target`);
		const rule = personRules[permission];
		if (rule?.(relationTo(actor, target), target)) return ALLOW;
		return refuse(permission, `${permission} not granted for this person`);
	}
	const rule = organisationRules[permission];
	if (rule?.(actor)) return ALLOW;
	return refuse(permission, `${permission} not granted`);
}

/**
 * Whether some target could ever be allowed: the coarse check a route makes before it loads
 * anything (an employee can read goals; nobody without reports or hr can write evaluations).
 */
export function mayEver(actor: Actor, permission: Permission): boolean {
	if (!PERSON_PERMISSIONS.has(permission)) return organisationRules[permission]?.(actor) ?? false;
	switch (permission) {
		case 'evaluation.write':
			return hasRole(actor, 'manager') || hasRole(actor, 'hr');
		case 'instance.manage':
			return hasRole(actor, 'hr');
		default:
			return actor.employeeId !== null || hasRole(actor, 'hr') || hasRole(actor, 'admin');
	}
}

/** The organisation as a target, for the organisation-wide permissions. */
export function organisationTarget(organisationId: string): Target {
	return { kind: 'organisation', organisationId };
}
