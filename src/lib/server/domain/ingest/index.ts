/**
 * Metric ingestion, one path for every channel (JSON single and bulk, CSV/XLSX files, source
 * plugins): check and resolve every row, refuse the whole batch when a row is bad (unless
 * `partial`), store idempotently, recompute the affected progress up the cascade, record the
 * signal — all in one transaction — then tell running instances.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { transaction } from '../db';
import { isoDay } from '../issues';
import { recomputeForValues } from '../progress/key-results';
import { notifyInstances, recordMetricSignals } from '../signal';
import { batchSize, type IncomingBatch } from './parse';
import { resolveValues, type RejectedRow } from './resolve';
import { storeValues } from './store';

export type { IncomingBatch, IncomingColumns, IncomingValue } from './parse';
export type { RejectedRow, RejectReason } from './resolve';

export type IngestOptions = {
	/** Store the good rows even when some are bad (default: all or nothing). */
	partial?: boolean;
	/** Where the values came from (`api`, `file`, a plugin id). */
	source?: string;
	now: Date;
	/** Send `metrics.updated` to running instances after commit (default true). */
	notify?: boolean;
};

export type IngestReport =
	| { ok: false; received: number; rejected: RejectedRow[] }
	| {
			ok: true;
			batchId: string;
			received: number;
			inserted: number;
			updated: number;
			unchanged: number;
			rejected: RejectedRow[];
			keyResultsRecomputed: number;
			goalsChanged: number;
			instancesNotified: number;
			/** Milliseconds per step; the COPY path adds its own (classify, copy, upsert). */
			timings: {
				resolveMs: number;
				storeMs: number;
				rollupMs: number;
				copyMs?: number;
				classifyMs?: number;
				upsertMs?: number;
			};
	  };

/** Ingests metric values; see the module comment. Bad rows are a value, not an exception. */
export async function ingestMetricValues(
	em: EntityManager,
	orgId: string,
	values: IncomingBatch,
	options: IngestOptions
): Promise<IngestReport> {
	const batchId = randomUUID();
	const outcome = await transaction(em, async (db) => {
		const resolveStart = performance.now();
		const { good, rejected } = await resolveValues(db, orgId, values);
		const resolveMs = performance.now() - resolveStart;
		if (rejected.length > 0 && !options.partial) {
			return { ok: false as const, received: batchSize(values), rejected };
		}
		const storeStart = performance.now();
		const stored = await storeValues(db, orgId, options.source ?? 'api', good);
		const rollupStart = performance.now();
		const recomputed = await recomputeForValues(db, orgId, stored.touched, isoDay(options.now));
		const rollupMs = performance.now() - rollupStart;
		const subjects = [
			...new Set([...stored.touched.map((t) => t.subjectId), ...recomputed.ownersChanged])
		];
		await recordMetricSignals(db, orgId, subjects, options.now);
		return {
			ok: true as const,
			batchId,
			received: batchSize(values),
			inserted: stored.inserted,
			updated: stored.updated,
			unchanged: good.metricId.length - stored.inserted - stored.updated,
			rejected,
			keyResultsRecomputed: recomputed.keyResults,
			goalsChanged: recomputed.goalsChanged,
			subjects,
			timings: { resolveMs, storeMs: rollupStart - storeStart, rollupMs, ...stored.timings }
		};
	});
	if (!outcome.ok) return outcome;
	const { subjects, ...report } = outcome;
	let instancesNotified = 0;
	if (options.notify !== false && subjects.length > 0) {
		const notified = await notifyInstances({
			em,
			orgId,
			subjectIds: subjects,
			batchId,
			now: options.now
		});
		instancesNotified = notified.sent;
	}
	return { ...report, instancesNotified };
}
