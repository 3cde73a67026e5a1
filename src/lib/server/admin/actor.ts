import type { AuditActor } from '../audit/record';
import type { ChangeActor } from '../domain/audit';

/** The admin making a change: their account, the label the trail shows, and the app's time. */
export type AdminActor = { readonly accountId: string; readonly label: string; readonly now: Date };

export function auditActor(actor: AdminActor): AuditActor {
	return { accountId: actor.accountId, label: actor.label };
}

export function changeActor(actor: AdminActor, reason: string): ChangeActor {
	return { actorId: actor.accountId, label: actor.label, reason, now: actor.now };
}
