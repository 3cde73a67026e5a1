import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { decryptJson, encryptJson } from '../crypto/envelope';
import type { Keyring } from '../crypto/keyring';
import { execute } from '../auth/sql';

/** Who did it: an account (with its email at the time) or the system (`accountId` null). */
export type AuditActor = { readonly accountId: string | null; readonly label: string };

export const SYSTEM_ACTOR: AuditActor = { accountId: null, label: 'system' };

/**
 * Entities whose before/after are confidential (scores, grades, pay): sealed in the trail like
 * in their own tables, so the audit log is not a side door to them.
 */
export const CONFIDENTIAL_ENTITIES: ReadonlySet<string> = new Set([
	'evaluation',
	'score',
	'grade',
	'salary_proposal',
	'feedback',
	'calibration'
]);

export type AuditEntry = {
	organisationId: string;
	actor: AuditActor | null;
	/** `<area>.<verb>`: `goal.update`, `weighting.publish`, `auth.sign_in`, `access.refused`… */
	action: string;
	entity: string;
	entityId?: string | null;
	before?: unknown;
	after?: unknown;
	ip?: string | null;
	at?: Date;
	/** Seal before/after even when `entity` is not in {@link CONFIDENTIAL_ENTITIES}. */
	confidential?: boolean;
	keyring?: Keyring;
};

/**
 * Appends one entry to the audit trail. Call it inside the transaction of the change it
 * records, so a change and its entry are committed (or rolled back) together. Returns the id.
 * @example await recordAudit(tx, { organisationId, actor, action: 'goal.update', entity: 'goal', entityId: goal.id, before, after })
 */
export async function recordAudit(em: EntityManager, entry: AuditEntry): Promise<string> {
	const id = randomUUID();
	const sealed = entry.confidential === true || CONFIDENTIAL_ENTITIES.has(entry.entity);
	const encode = (value: unknown, column: 'before' | 'after'): string | null => {
		if (value === undefined || value === null) return null;
		const stored = sealed
			? encryptJson(value, { field: `audit_log.${column}`, recordId: id }, entry.keyring)
			: value;
		return JSON.stringify(stored);
	};
	await execute(
		em,
		`insert into audit_log (id, organisation_id, at, actor_account_id, actor_label, action, entity, entity_id, before, after, ip)
		 values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)`,
		[
			id,
			entry.organisationId,
			entry.at ?? new Date(),
			entry.actor?.accountId ?? null,
			entry.actor?.label ?? null,
			entry.action,
			entry.entity,
			entry.entityId ?? null,
			encode(entry.before, 'before'),
			encode(entry.after, 'after'),
			entry.ip ?? null
		]
	);
	return id;
}

/** Opens a stored before/after value (sealed or not) for a reader the policy allowed. */
export function openAuditValue(
	value: unknown,
	column: 'before' | 'after',
	recordId: string,
	keyring?: Keyring
): unknown {
	try {
		return decryptJson(value, { field: `audit_log.${column}`, recordId }, keyring);
	} catch {
		return { unreadable: true };
	}
}
