import { describe, expect, it } from 'vitest';
import { clockFromEnv, isAdjustableClock, manualClock, offsetClock, systemClock } from '../clock';

describe('the process clock', () => {
	it('is the system clock unless test mode is on', () => {
		expect(clockFromEnv({})).toBe(systemClock);
		expect(clockFromEnv({ LOOPWORK_CLOCK_NOW: '2030-01-01T00:00:00Z' })).toBe(systemClock);
	});

	it('starts at LOOPWORK_CLOCK_NOW in test mode and can be set and advanced', () => {
		const clock = clockFromEnv({
			LOOPWORK_TEST_MODE: '1',
			LOOPWORK_CLOCK_NOW: '2030-01-01T00:00:00Z'
		});
		expect(isAdjustableClock(clock)).toBe(true);
		if (!isAdjustableClock(clock)) return;
		const start = Date.parse('2030-01-01T00:00:00Z');
		expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(0);
		expect(clock.now().getTime() - start).toBeLessThan(60_000);
		clock.advance(7 * 86_400_000);
		expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(7 * 86_400_000);
		clock.set('2031-06-01T00:00:00Z');
		expect(clock.now().getTime() - Date.parse('2031-06-01T00:00:00Z')).toBeLessThan(60_000);
	});

	it('runs an offset clock on with its base', () => {
		const base = manualClock('2025-01-01T00:00:00Z');
		const clock = offsetClock('2025-02-01T00:00:00Z', base);
		base.advance(1000);
		expect(clock.now().toISOString()).toBe('2025-02-01T00:00:01.000Z');
		clock.advance(-1000);
		expect(clock.now().toISOString()).toBe('2025-02-01T00:00:00.000Z');
		expect(offsetClock(1735689600000, base).now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
	});
});
