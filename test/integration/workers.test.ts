import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstance } from '../../src/lib/server/runtime/start';
import { runDueTimers } from '../../src/lib/server/runtime/timers';
import { runOutbox } from '../../src/lib/server/runtime/outbox';
import { sendEvent } from '../../src/lib/server/runtime/executor';
import { setupFixture, T0, type Fixture } from './helpers';

let fx: Fixture;
beforeAll(async () => {
	fx = await setupFixture();
});
afterAll(async () => {
	await fx?.db.close();
});

describe('workers', () => {
	it('fires a due timer once, even when it came due while nothing ran', async () => {
		const started = await startInstance({
			em: fx.em(),
			orgId: fx.orgId,
			definitionSlug: 'test-review-loop',
			subjectId: fx.employeeId,
			now: T0
		});
		expect((await runDueTimers({ em: fx.em(), now: T0 })).fired).toBe(0);
		const later = new Date(T0.getTime() + 3 * 3600_000);
		const [first, second] = await Promise.all([
			runDueTimers({ em: fx.em(), now: later }),
			runDueTimers({ em: fx.em(), now: later })
		]);
		expect((first?.fired ?? 0) + (second?.fired ?? 0)).toBe(1);
		const [row] = await fx.query<{ state_value: unknown; version: number }>(
			'select state_value, version from instance where id = ?',
			[started.instanceId]
		);
		expect(row).toEqual({ state_value: 'reminded', version: 2 });
		const journal = await fx.query<{ kind: string }>(
			'select kind from journal where instance_id = ? order by seq',
			[started.instanceId]
		);
		expect(journal.map((j) => j.kind)).toEqual(['start', 'timer']);
		expect((await runDueTimers({ em: fx.em(), now: later })).fired).toBe(0);
	});

	it('delivers notify rows as notifications and actions through run with the idempotency key', async () => {
		const started = await startInstance({
			em: fx.em(),
			orgId: fx.orgId,
			definitionSlug: 'test-review-loop',
			subjectId: fx.employeeId,
			now: T0
		});
		await sendEvent({
			em: fx.em(),
			orgId: fx.orgId,
			instanceId: started.instanceId,
			event: { type: 'submit' },
			now: T0
		});
		const keys: string[] = [];
		const services = {
			runAction: (ctx: { idempotencyKey: string }) =>
				Promise.resolve(void keys.push(ctx.idempotencyKey))
		};
		const delivered = await runOutbox({ em: fx.em(), now: T0, services });
		expect(delivered.done).toBeGreaterThanOrEqual(2);
		expect(keys.some((k) => k.startsWith(`${started.instanceId}:2:`))).toBe(true);
		const notes = await fx.query('select * from notification where instance_id = ?', [
			started.instanceId
		]);
		expect(notes).toHaveLength(1);
		expect((await runOutbox({ em: fx.em(), now: T0, services })).done).toBe(0);
	});
});
