import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../clock';
import { runDueTimers } from './timers';
import { runOutbox } from './outbox';
import { logger } from '../log';

export type Workers = { stop: () => Promise<void>; tick: () => Promise<void> };

/**
 * Polls due timers and the outbox every `intervalMs` (immediately again while a batch was
 * full). Used in-process by the app and by `loopwork worker`; several processes may run it
 * against one PostgreSQL. `stop` waits for the current tick.
 */
export function startWorkers(options: {
	orm: MikroORM;
	clock: Clock;
	intervalMs?: number;
	batch?: number;
	services?: Readonly<Record<string, unknown>>;
}): Workers {
	const intervalMs = options.intervalMs ?? 1000;
	const batch = options.batch ?? 100;
	let isStopped = false;
	let handle: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<void> = Promise.resolve();

	const tick = async (): Promise<void> => {
		const em = options.orm.em.fork();
		const now = options.clock.now();
		const timers = await runDueTimers({ em, now, limit: batch });
		const outbox = await runOutbox({ em, now, limit: batch, services: options.services });
		if (timers.fired + timers.stale >= batch || outbox.done + outbox.failed >= batch) {
			if (!isStopped) return tick();
		}
	};
	const loop = () => {
		if (isStopped) return;
		running = tick()
			.catch((err: unknown) => logger.error({ err }, 'worker tick failed'))
			.finally(() => {
				if (!isStopped) handle = setTimeout(loop, intervalMs);
			});
	};
	handle = setTimeout(loop, 0);
	return {
		tick,
		stop: async () => {
			isStopped = true;
			if (handle) clearTimeout(handle);
			await running;
		}
	};
}
