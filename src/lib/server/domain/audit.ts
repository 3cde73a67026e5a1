import { recordAudit } from '../audit/index';
import type { Db } from './db';

/** Who makes a change, when, and why (the why is kept in the history). */
export type ChangeActor = {
	/** The signed-in account, or null for the system (seeding, imports, plugins). */
	actorId: string | null;
	/** Shown in the audit trail (the account's e-mail at the time); defaults to `system`. */
	label?: string;
	reason: string;
	now: Date;
};

/** Appends an audit-trail entry in the change's own transaction. */
export async function audit(
	db: Db,
	orgId: string,
	actor: ChangeActor,
	entry: { action: string; entity: string; entityId: string; before?: unknown; after?: unknown }
): Promise<void> {
	await recordAudit(db.em, {
		organisationId: orgId,
		actor: {
			accountId: actor.actorId,
			label: actor.label ?? (actor.actorId ? 'account' : 'system')
		},
		at: actor.now,
		...entry
	});
}
