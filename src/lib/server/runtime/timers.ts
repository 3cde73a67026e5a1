import type { EntityManager } from '@mikro-orm/postgresql';
import { applyEvent } from './executor';
import { isAppError } from './errors';
import { inTransaction } from './pg';
import { metrics } from './metrics';
import { logger } from '../log';

type DueTimer = {
	id: string;
	instance_id: string;
	organisation_id: string;
	event: { type: string; data?: unknown };
};

const CLAIM_SQL = `select id, instance_id, organisation_id, event from timer
  where status = 'pending' and due_at <= $1::timestamptz
  order by due_at limit 1 for update skip locked`;

/**
 * Fires up to `limit` due timers, each in its own transaction: claim the row (SKIP LOCKED, so
 * several workers share the work), lock its instance, apply the timer's event through the same
 * path as user events and mark the timer fired — or cancelled when the instance no longer
 * accepts it. A timer that came due while the system was down fires once, at the next run.
 */
export async function runDueTimers(options: { em: EntityManager; now: Date; limit?: number }) {
	const limit = options.limit ?? 100;
	let fired = 0;
	let stale = 0;
	for (let i = 0; i < limit; i++) {
		const outcome = await inTransaction(options.em, async (sql) => {
			const [timer] = await sql<DueTimer>('lw_timer_claim', CLAIM_SQL, [options.now.toISOString()]);
			if (!timer) return 'none' as const;
			await sql('lw_timer_lock_instance', 'select 1 from instance where id = $1 for update', [
				timer.instance_id
			]);
			try {
				await applyEvent(sql, {
					em: options.em,
					orgId: timer.organisation_id,
					instanceId: timer.instance_id,
					event: timer.event,
					now: options.now,
					timerId: timer.id
				});
				return 'fired' as const;
			} catch (err) {
				// A refusal is thrown before anything was written, so the transaction is still usable.
				if (!isAppError(err)) throw err;
				// A timer whose guard or formula threw is a definition bug, not a stale timer: say so loudly.
				const log = err.code === 'evaluation_failed' ? logger.error : logger.warn;
				log.call(
					logger,
					{ timerId: timer.id, instanceId: timer.instance_id, code: err.code, err: err.message },
					'timer refused and cancelled'
				);
				await sql(
					'lw_timer_stale',
					"update timer set status = 'cancelled', fired_at = $2 where id = $1",
					[timer.id, options.now.toISOString()]
				);
				return 'stale' as const;
			}
		});
		if (outcome === 'none') break;
		if (outcome === 'fired') fired++;
		else stale++;
		metrics.timersFired.inc({ result: outcome });
	}
	if (fired) metrics.eventsApplied.inc({ kind: 'timer' }, fired);
	return { fired, stale };
}
