import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../clock';
import { runDueTimers } from './timers';
import { runOutbox } from './outbox';
import { logger } from '../log';
import { deliverMail } from '../notify/mail';
import { activateApprovedGoals, goalsService } from '../goals-activation/index';

export type Workers = { stop: () => Promise<void>; tick: () => Promise<void> };

/** The clock a worker reads on every tick: a clock, or a getter (e.g. `() => getApp().clock`). */
export type ClockSource = Clock | (() => Clock);

function nowOf(source: ClockSource): Date {
	return typeof source === 'function' ? source().now() : source.now();
}

export type DrainResult = { fired: number; stale: number; done: number; failed: number };

/** The services effectful plugin actions get in `ctx` (the caller's own win). */
function servicesOf(
	extra: Readonly<Record<string, unknown>> | undefined
): Readonly<Record<string, unknown>> {
	return { goals: goalsService(), ...extra };
}

/**
 * After the outbox: writes approved goals and renders and sends (or keeps) pending mail; a
 * failure here never stops timers and the outbox.
 */
async function afterOutbox(orm: MikroORM, now: Date, limit: number): Promise<void> {
	try {
		await activateApprovedGoals({ em: orm.em.fork(), now });
	} catch (err) {
		logger.error({ err }, 'goal activation failed');
	}
	try {
		await deliverMail({ em: orm.em.fork(), now, limit });
	} catch (err) {
		logger.error({ err }, 'mail delivery failed');
	}
}

/**
 * Runs timers and outbox batches until a round finds nothing due (what `loopwork worker --once`
 * does). The clock is read per round, so a moved test clock is seen; `maxRounds` bounds work
 * whose handling keeps producing due rows (e.g. a zero-delay timer loop).
 */
export async function drainDue(options: {
	orm: MikroORM;
	clock: ClockSource;
	batch?: number;
	maxRounds?: number;
	services?: Readonly<Record<string, unknown>>;
}): Promise<DrainResult> {
	const batch = options.batch ?? 100;
	const services = servicesOf(options.services);
	const total: DrainResult = { fired: 0, stale: 0, done: 0, failed: 0 };
	for (let round = 0; round < (options.maxRounds ?? 10_000); round++) {
		const em = options.orm.em.fork();
		const now = nowOf(options.clock);
		const timers = await runDueTimers({ em, now, limit: batch });
		const outbox = await runOutbox({ em, now, limit: batch, services });
		total.fired += timers.fired;
		total.stale += timers.stale;
		total.done += outbox.done;
		total.failed += outbox.failed;
		if (timers.fired + timers.stale + outbox.done + outbox.failed === 0) break;
	}
	await afterOutbox(options.orm, nowOf(options.clock), batch);
	return total;
}

/**
 * Polls due timers and the outbox every `intervalMs` (immediately again while a batch was
 * full). Used in-process by the app and by `loopwork worker`; several processes may run it
 * against one PostgreSQL. The clock is read on every tick, so the app passes a getter of its
 * current clock and a test clock moves the loop too. `stop` waits for the current tick.
 */
export function startWorkers(options: {
	orm: MikroORM;
	clock: ClockSource;
	intervalMs?: number;
	batch?: number;
	services?: Readonly<Record<string, unknown>>;
}): Workers {
	const intervalMs = options.intervalMs ?? 1000;
	const batch = options.batch ?? 100;
	const services = servicesOf(options.services);
	let isStopped = false;
	let handle: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<void> = Promise.resolve();

	const tick = async (): Promise<void> => {
		const em = options.orm.em.fork();
		const now = nowOf(options.clock);
		const timers = await runDueTimers({ em, now, limit: batch });
		const outbox = await runOutbox({ em, now, limit: batch, services });
		await afterOutbox(options.orm, now, batch);
		if (timers.fired + timers.stale >= batch || outbox.done + outbox.failed >= batch) {
			if (!isStopped) return tick();
		}
	};
	// Ticks queue on `running`, so a tick requested from outside (e.g. right after a test clock
	// moved) and the loop's own never run side by side in one process.
	const enqueue = (): Promise<void> => {
		const next = running.then(tick);
		running = next.catch((err: unknown) => logger.error({ err }, 'worker tick failed'));
		return next;
	};
	const loop = () => {
		if (isStopped) return;
		void enqueue()
			.catch(() => undefined)
			.finally(() => {
				if (!isStopped) handle = setTimeout(loop, intervalMs);
			});
	};
	handle = setTimeout(loop, 0);
	return {
		tick: enqueue,
		stop: async () => {
			isStopped = true;
			if (handle) clearTimeout(handle);
			await running;
		}
	};
}
