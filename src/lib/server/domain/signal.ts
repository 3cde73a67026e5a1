/**
 * Telling the engine that metrics moved. Two parts, because an import can touch 100k people:
 * 1. in the ingestion transaction, `metric_signal` records when each affected subject's data
 *    last changed: durable, one upsert, and what a lag check reads on its next timer tick;
 * 2. after commit, running instances of those subjects whose definition has a
 *    `metrics.updated` transition get that event through the runtime's `sendEvent`, so a
 *    watching state can react at once. An instance whose current state does not take it is
 *    skipped quietly (its next lag check still sees the signal): no refusal is surfaced.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sendEvent } from '../runtime/executor';
import { isAppError } from '../runtime/errors';
import { logger } from '../log';
import { transaction, type Db } from './db';

export const METRICS_UPDATED_EVENT = 'metrics.updated';

/** Marks subjects whose metric data or goal progress changed at `at`. */
export async function recordMetricSignals(
	db: Db,
	orgId: string,
	subjectIds: readonly string[],
	at: Date
): Promise<void> {
	const unique = [...new Set(subjectIds)];
	if (unique.length === 0) return;
	await db.query(
		`insert into metric_signal (organisation_id, subject_id, updated_at)
		 select $1, s, $3 from unnest($2::uuid[]) as s
		 on conflict (organisation_id, subject_id) do update set updated_at = excluded.updated_at`,
		[orgId, unique, at]
	);
}

/** When a subject's metrics last changed (null when never), for lag checks and dashboards. */
export async function lastMetricSignal(
	db: Db,
	orgId: string,
	subjectId: string
): Promise<Date | null> {
	const rows = await db.query<{ updated_at: Date }>(
		'select updated_at from metric_signal where organisation_id = $1 and subject_id = $2',
		[orgId, subjectId]
	);
	return rows[0]?.updated_at ?? null;
}

/**
 * Sends `metrics.updated` to the running instances of `subjectIds` that can take it. Call
 * after the ingestion transaction committed (never inside it: on PGlite a second connection
 * would wait for it forever). `batchId` makes a retried notification a duplicate, not a second event.
 */
export async function notifyInstances(options: {
	em: EntityManager;
	orgId: string;
	subjectIds: readonly string[];
	batchId: string;
	now: Date;
}): Promise<{ sent: number; skipped: number }> {
	const { orgId, subjectIds } = options;
	if (subjectIds.length === 0) return { sent: 0, skipped: 0 };
	const rows = await transaction(options.em, (db) =>
		db.query<{ id: string }>(
			`select i.id from instance i join workflow_version v on v.id = i.definition_version_id
		 where i.organisation_id = $1 and i.status = 'running' and i.subject_id = any($2::uuid[])
		   and position($3 in v.content::text) > 0`,
			[orgId, [...new Set(subjectIds)], `"${METRICS_UPDATED_EVENT}"`]
		)
	);
	let sent = 0;
	let skipped = 0;
	for (const row of rows) {
		try {
			await sendEvent({
				em: options.em,
				orgId,
				instanceId: row.id,
				event: { type: METRICS_UPDATED_EVENT, data: { batchId: options.batchId } },
				clientEventId: `${METRICS_UPDATED_EVENT}:${options.batchId}`,
				now: options.now
			});
			sent++;
		} catch (err) {
			if (isAppError(err) && (err.code === 'event_not_accepted' || err.code === 'not_found')) {
				skipped++;
				continue;
			}
			logger.warn({ err, instanceId: row.id }, 'metrics.updated could not be delivered');
			skipped++;
		}
	}
	return { sent, skipped };
}
