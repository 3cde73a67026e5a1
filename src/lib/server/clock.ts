/** The runtime's source of time. Injected everywhere so tests move time instead of sleeping. */
export type Clock = { now: () => Date };

/** A clock tests (or the test-mode app) move by hand. */
export type AdjustableClock = Clock & {
	set: (at: Date | string | number) => void;
	advance: (ms: number) => void;
};

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and advance by hand. */
export function manualClock(
	start: Date | string | number = '2025-01-01T00:00:00Z'
): AdjustableClock {
	let current = new Date(start).getTime();
	return {
		now: () => new Date(current),
		set: (at) => {
			current = new Date(at).getTime();
		},
		advance: (ms) => {
			current += ms;
		}
	};
}

/**
 * A clock that keeps running with `base` but is shifted by an offset: `set` jumps to an
 * instant (and time runs on from there), `advance` adds to the offset. Sessions and timers
 * behave as in production, only later.
 */
export function offsetClock(
	start?: Date | string | number,
	base: Clock = systemClock
): AdjustableClock {
	let offset = start === undefined ? 0 : parseInstant(start) - base.now().getTime();
	return {
		now: () => new Date(base.now().getTime() + offset),
		set: (at) => {
			offset = parseInstant(at) - base.now().getTime();
		},
		advance: (ms) => {
			offset += ms;
		}
	};
}

export function isAdjustableClock(clock: Clock): clock is AdjustableClock {
	const candidate = clock as Partial<AdjustableClock>;
	return typeof candidate.set === 'function' && typeof candidate.advance === 'function';
}

/** An ISO-8601 instant or epoch milliseconds (a digits-only string counts as ms). */
export function parseInstant(value: Date | string | number): number {
	const ms =
		typeof value === 'string' && /^\d+$/.test(value.trim())
			? Number(value)
			: new Date(value).getTime();
	if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(value)}`);
	return ms;
}

/**
 * The process clock from the environment. With `LOOPWORK_TEST_MODE=1` it is adjustable
 * (`set`/`advance`, e.g. from a test endpoint) and `LOOPWORK_CLOCK_NOW` (ISO-8601 or epoch ms)
 * starts it at that instant; otherwise it is the system clock (both variables are ignored).
 */
export function clockFromEnv(env: Record<string, string | undefined> = process.env): Clock {
	if (env.LOOPWORK_TEST_MODE !== '1') return systemClock;
	const start = env.LOOPWORK_CLOCK_NOW?.trim();
	return offsetClock(start || undefined);
}
