import type { MikroORM } from '@mikro-orm/postgresql';
import type { Registry } from '../engine/registry';
import { connectDatabase, type Database } from './db/connection';
import { ensureDefaultOrganisation } from './organisation';
import { clockFromEnv, type Clock } from './clock';
import { logger } from './log';
import { configureRuntime } from './runtime/engine-port';
import { realEngine } from './runtime/real-engine';
import { startWorkers, type Workers } from './runtime/workers';
import { importWorkflowDirectory } from './definitions/import-workflows';
import { seedDemoRunning } from './seed/running';
import { getRegistry } from './plugins';
import { startSourceScheduler } from './sources/runner';
import { startDailyRemeasure } from './domain/progress/daily';
import path from 'node:path';

export { logger };

export type App = {
	orm: MikroORM;
	db: Database;
	orgId: string;
	registry: Registry;
	/** The app's time. Adjustable (`set`/`advance`) when LOOPWORK_TEST_MODE=1; see clockFromEnv. */
	clock: Clock;
	/** The in-process timer/outbox workers, when they run (`tick()` drains what is due now). */
	workers?: Workers;
};

export type StartOptions = {
	/** Overrides DATABASE_URL. */
	url?: string;
	/** Embedded data directory; `null` for an in-memory database. */
	dataDir?: string | null;
	/** Defaults to clockFromEnv() (the system clock unless LOOPWORK_TEST_MODE=1). */
	clock?: Clock;
	/** Start the in-process timer/outbox workers (default true unless LOOPWORK_WORKERS=off). */
	workers?: boolean;
};

type StartHook = (app: App) => Promise<() => Promise<void>>;
const startHooks: StartHook[] = [];

/** Lets later modules (definitions import, workers) run at start and stop at shutdown. */
export function onStart(hook: StartHook): void {
	startHooks.push(hook);
}

let starting: Promise<App> | undefined;
let current: App | undefined;
let stoppers: (() => Promise<void>)[] = [];

/** Connects, migrates, ensures the default organisation and runs start hooks. Idempotent. */
export function startApp(options: StartOptions = {}): Promise<App> {
	starting ??= boot(options).catch((err: unknown) => {
		starting = undefined;
		throw err;
	});
	return starting;
}

async function boot(options: StartOptions): Promise<App> {
	const db = await connectDatabase({ url: options.url, dataDir: options.dataDir });
	const orgId = await ensureDefaultOrganisation(db.orm.em.fork());
	const registry = await getRegistry();
	configureRuntime({ engine: realEngine, registry });
	const clock = options.clock ?? clockFromEnv();
	const app: App = { orm: db.orm, db, orgId, registry, clock };
	current = app;
	await importWorkflowDirectory({
		em: db.orm.em.fork(),
		orgId,
		dir: path.resolve(process.env.LOOPWORK_WORKFLOWS_DIR ?? 'workflows'),
		now: clock.now()
	});
	// The demo's cycles, once its workflows are published (dated like the company, see first-start).
	await seedDemoRunning(db.orm.em.fork(), { orgId, today: new Date().toISOString().slice(0, 10) });
	const isWorkersOn = options.workers ?? process.env.LOOPWORK_WORKERS !== 'off';
	if (isWorkersOn) {
		// The loop reads the app's clock on every tick, so a test clock (or a replaced one) moves it.
		const workers = startWorkers({ orm: db.orm, clock: () => app.clock, intervalMs: 1000 });
		app.workers = workers;
		stoppers.push(workers.stop);
		const sources = await startSourceScheduler({
			orm: db.orm,
			registry,
			now: () => app.clock.now()
		});
		stoppers.push(sources.stop);
		// Calendar and trailing windows move with the day even when no data arrives.
		const daily = startDailyRemeasure({ orm: db.orm, now: () => app.clock.now() });
		stoppers.push(daily.stop);
	}
	for (const hook of startHooks) stoppers.push(await hook(app));
	installShutdownHandlers();
	logger.info({ db: db.kind, orgId }, 'app started');
	return app;
}

/** The started app; throws (a bug) when `startApp` has not completed. */
export function getApp(): App {
	if (!current) throw new Error('getApp() called before startApp() finished');
	return current;
}

/** Stops workers and closes the database (and the embedded server). */
export async function shutdown(): Promise<void> {
	const app = current;
	current = undefined;
	starting = undefined;
	const toStop = stoppers.reverse();
	stoppers = [];
	for (const stop of toStop) await stop();
	if (app) await app.db.close();
}

let handlersInstalled = false;
function installShutdownHandlers(): void {
	if (handlersInstalled) return;
	handlersInstalled = true;
	const onSignal = (signal: string) => {
		logger.info({ signal }, 'shutting down');
		shutdown().then(
			() => process.exit(0),
			(err: unknown) => {
				logger.error({ err }, 'shutdown failed');
				process.exit(1);
			}
		);
	};
	process.once('sveltekit:shutdown', () => void shutdown());
	process.once('SIGTERM', () => onSignal('SIGTERM'));
	process.once('SIGINT', () => onSignal('SIGINT'));
}
