/**
 * Runs the configured metric sources: each `metric_source` row names a plugin's source
 * (`metrics-file.export`), its params and a croner schedule. A run gives the plugin `fetch`,
 * `readFile` and an ingestion function in `ctx.services`; rows go through the one ingestion
 * path with source ids scoped to the source, so a re-pull of the same export changes nothing.
 * The outcome (counts, rejected rows or the error) is kept on the row.
 */
import { readFile } from 'node:fs/promises';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Cron } from 'croner';
import type { Registry } from '../../engine/registry';
import { transaction } from '../domain/db';
import { ingestMetricValues, type IncomingValue } from '../domain/ingest/index';
import { logger } from '../log';

export type MetricSource = {
	id: string;
	organisationId: string;
	name: string;
	pluginId: string;
	params: Record<string, unknown>;
	schedule: string;
};

type SourceRow = {
	id: string;
	organisation_id: string;
	name: string;
	plugin_id: string;
	params: Record<string, unknown>;
	schedule: string;
};

/** Row shape a source plugin hands to `ingest` (see plugins/metrics-file). */
export type SourceRowValue = Omit<IncomingValue, 'date'> & { date: string };

export type SourceServices = {
	fetch?: (url: string) => Promise<{ ok: boolean; status: number; text: () => Promise<string> }>;
	readFile?: (path: string) => Promise<string>;
};

export type SourceRunResult =
	{ ok: true; report: Record<string, unknown> } | { ok: false; error: string; rejected?: unknown };

/** Every enabled source (all organisations, or one). */
export async function loadSources(em: EntityManager, orgId?: string): Promise<MetricSource[]> {
	const rows = await transaction(em, (db) =>
		db.query<SourceRow>(
			`select id, organisation_id, name, plugin_id, params, schedule from metric_source
			 where is_enabled and ($1::uuid is null or organisation_id = $1) order by created_at, id`,
			[orgId ?? null]
		)
	);
	return rows.map((r) => ({
		id: r.id,
		organisationId: r.organisation_id,
		name: r.name,
		pluginId: r.plugin_id,
		params: r.params,
		schedule: r.schedule
	}));
}

/** A row's id within its source: the export's own id, else metric + subject + date. */
function scopedSourceId(source: MetricSource, row: SourceRowValue): string {
	const own = row.sourceId ?? `${row.metric}:${row.person ?? row.unit ?? ''}:${row.date}`;
	return `${source.id}:${own}`;
}

/** Pulls one source now and records the outcome. A failing source never throws. */
export async function runSource(options: {
	em: EntityManager;
	registry: Registry;
	source: MetricSource;
	now: Date;
	services?: SourceServices;
}): Promise<SourceRunResult> {
	const { em, source, now } = options;
	let result: SourceRunResult;
	try {
		const definition = options.registry.metricSources.get(source.pluginId);
		if (!definition?.pull) throw new Error(`no metric source ${source.pluginId} is installed`);
		const ingest = async (rows: SourceRowValue[], opts: { partial?: boolean } = {}) =>
			ingestMetricValues(
				em,
				source.organisationId,
				rows.map((row) => ({ ...row, sourceId: scopedSourceId(source, row) })),
				{ partial: opts.partial === true, source: source.pluginId, now }
			);
		const report = await definition.pull(
			{
				organisationId: source.organisationId,
				instanceId: '',
				idempotencyKey: `${source.id}:${now.toISOString()}`,
				services: {
					fetch: options.services?.fetch ?? ((url: string) => fetch(url)),
					readFile: options.services?.readFile ?? ((path: string) => readFile(path, 'utf8')),
					ingest
				}
			},
			source.params
		);
		const summary = (report ?? {}) as Record<string, unknown>;
		result =
			summary.ok === false
				? { ok: false, error: 'rows were rejected; nothing was stored', rejected: summary.rejected }
				: { ok: true, report: summary };
	} catch (err) {
		result = { ok: false, error: err instanceof Error ? err.message : String(err) };
		logger.warn({ err, sourceId: source.id }, 'metric source failed');
	}
	await transaction(em, (db) =>
		db.query(`update metric_source set last_run_at = $2, last_result = $3 where id = $1`, [
			source.id,
			now,
			JSON.stringify(result)
		])
	);
	return result;
}

export type SourceScheduler = {
	/** Sources scheduled now. */
	readonly jobs: number;
	/** Re-reads the sources: schedules new ones, re-schedules changed ones, stops removed ones. */
	reconcile: () => Promise<void>;
	stop: () => Promise<void>;
};

/** How often a running scheduler looks for added, changed or disabled sources. */
const RECONCILE_MS = 60_000;

/** What makes a source's job: a change to any of it replaces the job. */
function signature(source: MetricSource): string {
	return JSON.stringify([source.pluginId, source.params, source.schedule, source.organisationId]);
}

/**
 * Schedules every enabled source with croner in this process (the app starts it only when
 * its workers run), and every minute picks up sources added, changed or disabled since, so an
 * admin's new source runs without a restart. A source with a bad cron expression is logged
 * and skipped.
 */
export async function startSourceScheduler(options: {
	orm: MikroORM;
	registry: Registry;
	now: () => Date;
	reconcileMs?: number;
}): Promise<SourceScheduler> {
	const jobs = new Map<string, { signature: string; job: Cron | null }>();
	const schedule = (source: MetricSource): Cron | null => {
		try {
			return new Cron(source.schedule, { protect: true, catch: true }, async () => {
				await runSource({
					em: options.orm.em.fork(),
					registry: options.registry,
					source,
					now: options.now()
				});
			});
		} catch (err) {
			logger.warn({ err, sourceId: source.id }, 'metric source has a bad schedule');
			return null;
		}
	};
	const reconcile = async () => {
		const sources = await loadSources(options.orm.em.fork());
		const seen = new Set<string>();
		for (const source of sources) {
			seen.add(source.id);
			const known = jobs.get(source.id);
			const current = signature(source);
			if (known?.signature === current) continue;
			known?.job?.stop();
			jobs.set(source.id, { signature: current, job: schedule(source) });
		}
		for (const [id, known] of jobs) {
			if (seen.has(id)) continue;
			known.job?.stop();
			jobs.delete(id);
		}
	};
	await reconcile();
	const timer = setInterval(() => {
		reconcile().catch((err: unknown) =>
			logger.warn({ err }, 'metric sources could not be re-read')
		);
	}, options.reconcileMs ?? RECONCILE_MS);
	timer.unref();
	return {
		get jobs() {
			return [...jobs.values()].filter((known) => known.job !== null).length;
		},
		reconcile,
		stop: () => {
			clearInterval(timer);
			for (const known of jobs.values()) known.job?.stop();
			jobs.clear();
			return Promise.resolve();
		}
	};
}
