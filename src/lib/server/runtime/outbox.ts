import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inTransaction, type Sql } from './pg';
import { runtimeRegistry } from './engine-port';
import { metrics } from './metrics';
import { logger } from '../log';

type OutboxRow = {
	id: string;
	organisation_id: string;
	instance_id: string | null;
	kind: 'notify' | 'action';
	payload: Record<string, unknown>;
	idempotency_key: string;
	attempts: number;
};

type RunnableAction = {
	run?: (
		ctx: {
			organisationId: string;
			instanceId: string;
			idempotencyKey: string;
			services: Readonly<Record<string, unknown>>;
		},
		params: Record<string, unknown>
	) => Promise<unknown>;
};

export const MAX_OUTBOX_ATTEMPTS = 8;

const CLAIM_SQL = `select id, organisation_id, instance_id, kind, payload, idempotency_key, attempts from outbox
  where status = 'pending' and available_at <= $1::timestamptz
  order by available_at limit 1 for update skip locked`;

/**
 * Delivers up to `limit` outbox rows, each in its own transaction holding the row lock.
 * `notify` rows become in-app notification rows in the same transaction (exactly once).
 * `action` rows call the plugin's `run(ctx, params)` with the row's idempotency key and are
 * marked done on success: delivery is at-least-once (a crash between `run` and the commit
 * repeats the call), so `run` must use the key to make its effect exactly-once.
 * Failures back off exponentially; after MAX_OUTBOX_ATTEMPTS the row is `failed`.
 */
export async function runOutbox(options: {
	em: EntityManager;
	now: Date;
	limit?: number;
	services?: Readonly<Record<string, unknown>>;
}) {
	const limit = options.limit ?? 100;
	const now = options.now.toISOString();
	let done = 0;
	let failed = 0;
	for (let i = 0; i < limit; i++) {
		const outcome = await inTransaction(options.em, async (sql) => {
			const [row] = await sql<OutboxRow>('lw_outbox_claim', CLAIM_SQL, [now]);
			if (!row) return 'none' as const;
			try {
				if (row.kind === 'notify') await deliverNotification(sql, row, now);
				else await runAction(row, options.services ?? {});
				await sql(
					'lw_outbox_done',
					"update outbox set status = 'done', attempts = attempts + 1, done_at = $2 where id = $1",
					[row.id, now]
				);
				metrics.outboxDelivered.inc({ kind: row.kind, result: 'done' });
				return 'done' as const;
			} catch (err) {
				const message = err instanceof Error ? err.message : String(err);
				const attempts = row.attempts + 1;
				const isFinal = attempts >= MAX_OUTBOX_ATTEMPTS;
				const retryAt = new Date(options.now.getTime() + 1000 * 2 ** attempts).toISOString();
				logger.warn(
					{ outboxId: row.id, attempts, err: message },
					isFinal ? 'outbox row failed' : 'outbox row will retry'
				);
				await sql(
					'lw_outbox_retry',
					'update outbox set attempts = $2, last_error = $3, available_at = $4, status = $5 where id = $1',
					[row.id, attempts, message, retryAt, isFinal ? 'failed' : 'pending']
				);
				metrics.outboxDelivered.inc({ kind: row.kind, result: isFinal ? 'failed' : 'retry' });
				return 'failed' as const;
			}
		});
		if (outcome === 'none') break;
		if (outcome === 'done') done++;
		else failed++;
	}
	return { done, failed };
}

type Recipient = { kind: 'person'; id: string } | { kind: 'role'; role: string };

function recipients(to: unknown): Recipient[] {
	const list = Array.isArray(to) ? to : [to];
	return list.flatMap((r): Recipient[] => {
		const value = r as Partial<{ kind: string; id: string; role: string }> | null;
		if (value?.kind === 'person' && typeof value.id === 'string')
			return [{ kind: 'person', id: value.id }];
		if (value?.kind === 'role' && typeof value.role === 'string')
			return [{ kind: 'role', role: value.role }];
		return [];
	});
}

async function deliverNotification(sql: Sql, row: OutboxRow, now: string): Promise<void> {
	const payload = row.payload as { template?: string; to?: unknown; params?: unknown };
	for (const recipient of recipients(payload.to)) {
		await sql(
			'lw_notification_insert',
			`insert into notification (id, organisation_id, instance_id, recipient_person_id, recipient_role, template, params, created_at)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
			[
				randomUUID(),
				row.organisation_id,
				row.instance_id,
				recipient.kind === 'person' ? recipient.id : null,
				recipient.kind === 'role' ? recipient.role : null,
				payload.template ?? 'unknown',
				JSON.stringify(payload.params ?? {}),
				now
			]
		);
	}
}

async function runAction(
	row: OutboxRow,
	services: Readonly<Record<string, unknown>>
): Promise<void> {
	const payload = row.payload as { actionType?: string; params?: Record<string, unknown> };
	const registry = runtimeRegistry() as
		{ actions?: ReadonlyMap<string, RunnableAction> } | undefined;
	const action = payload.actionType ? registry?.actions?.get(payload.actionType) : undefined;
	const run = action?.run ?? (services.runAction as RunnableAction['run'] | undefined);
	if (!run)
		throw new Error(`no runnable action "${payload.actionType ?? ''}" in the plugin registry`);
	await run(
		{
			organisationId: row.organisation_id,
			instanceId: row.instance_id ?? '',
			idempotencyKey: row.idempotency_key,
			services
		},
		{ ...(payload.params ?? {}), ...(action?.run ? {} : { actionType: payload.actionType }) }
	);
}
