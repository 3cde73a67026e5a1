import { connectDatabase } from '../../lib/server/db/connection';
import { configureRuntime } from '../../lib/server/runtime/engine-port';
import { realEngine } from '../../lib/server/runtime/real-engine';
import { runDueTimers } from '../../lib/server/runtime/timers';
import { runOutbox } from '../../lib/server/runtime/outbox';
import { startWorkers } from '../../lib/server/runtime/workers';
import { getRegistry } from '../../lib/server/plugins';
import { systemClock } from '../../lib/server/clock';
import { logger } from '../../lib/server/log';

function flag(args: string[], name: string): string | undefined {
	const index = args.indexOf(name);
	return index >= 0 ? args[index + 1] : undefined;
}

/**
 * `loopwork worker [--once] [--interval-ms N]`: runs the timer and outbox workers. Several may
 * share one PostgreSQL (rows are claimed with SKIP LOCKED). `--once` drains what is due and exits.
 */
export async function runWorker(args: string[]): Promise<number> {
	const db = await connectDatabase({ migrate: true });
	configureRuntime({ engine: realEngine, registry: await getRegistry() });
	if (args.includes('--once')) {
		try {
			let total = 0;
			for (;;) {
				const em = db.orm.em.fork();
				const now = systemClock.now();
				const timers = await runDueTimers({ em, now, limit: 100 });
				const outbox = await runOutbox({ em, now, limit: 100 });
				const count = timers.fired + timers.stale + outbox.done + outbox.failed;
				total += count;
				if (count === 0) break;
			}
			console.log(JSON.stringify({ processed: total }));
			return 0;
		} finally {
			await db.close();
		}
	}
	const intervalMs = Number(flag(args, '--interval-ms') ?? 1000);
	const workers = startWorkers({ orm: db.orm, clock: systemClock, intervalMs });
	logger.info({ intervalMs, db: db.kind }, 'worker started');
	await new Promise<void>((resolve) => {
		process.once('SIGTERM', resolve);
		process.once('SIGINT', resolve);
	});
	await workers.stop();
	await db.close();
	return 0;
}
