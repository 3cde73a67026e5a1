import { connectDatabase } from '../../lib/server/db/connection';
import { configureRuntime } from '../../lib/server/runtime/engine-port';
import { realEngine } from '../../lib/server/runtime/real-engine';
import { drainDue, startWorkers } from '../../lib/server/runtime/workers';
import { getRegistry } from '../../lib/server/plugins';
import { clockFromEnv, manualClock, parseInstant, type Clock } from '../../lib/server/clock';
import { logger } from '../../lib/server/log';

function flag(args: string[], name: string): string | undefined {
	const index = args.indexOf(name);
	return index >= 0 ? args[index + 1] : undefined;
}

/** `--now <ISO-8601 | epoch ms>` freezes the worker's clock there; else the process clock. */
function workerClock(args: string[]): Clock {
	const now = flag(args, '--now');
	if (now === undefined) return clockFromEnv();
	return manualClock(parseInstant(now));
}

/**
 * `loopwork worker [--once] [--interval-ms N] [--now T]`: runs the timer and outbox workers.
 * Several may share one PostgreSQL (rows are claimed with SKIP LOCKED). `--once` drains what is
 * due and exits, printing `{"fired":…,"stale":…,"done":…,"failed":…}`. `--now` (or
 * LOOPWORK_CLOCK_NOW with LOOPWORK_TEST_MODE=1) sets the worker's clock, for tests and replays.
 */
export async function runWorker(args: string[]): Promise<number> {
	const clock = workerClock(args);
	const db = await connectDatabase({ migrate: true });
	configureRuntime({ engine: realEngine, registry: await getRegistry() });
	if (args.includes('--once')) {
		try {
			const result = await drainDue({ orm: db.orm, clock });
			console.log(
				JSON.stringify({ ...result, processed: Object.values(result).reduce((a, b) => a + b, 0) })
			);
			return 0;
		} finally {
			await db.close();
		}
	}
	const intervalMs = Number(flag(args, '--interval-ms') ?? 1000);
	const workers = startWorkers({ orm: db.orm, clock, intervalMs });
	logger.info({ intervalMs, db: db.kind }, 'worker started');
	await new Promise<void>((resolve) => {
		process.once('SIGTERM', resolve);
		process.once('SIGINT', resolve);
	});
	await workers.stop();
	await db.close();
	return 0;
}
