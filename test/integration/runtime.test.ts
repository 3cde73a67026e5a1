import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstance } from '../../src/lib/server/runtime/start';
import { sendEvent } from '../../src/lib/server/runtime/executor';
import { AppError } from '../../src/lib/server/runtime/errors';
import { setupFixture, T0, type Fixture } from './helpers';

let fx: Fixture;
beforeAll(async () => {
	fx = await setupFixture();
});
afterAll(async () => {
	await fx?.db.close();
});

async function start() {
	return startInstance({
		em: fx.em(),
		orgId: fx.orgId,
		definitionSlug: 'test-review-loop',
		subjectId: fx.employeeId,
		now: T0
	});
}

async function counts(instanceId: string) {
	const [row] = await fx.query<Record<string, number>>(
		`select (select count(*)::int from journal where instance_id = ?) as journal,
       (select count(*)::int from task where instance_id = ?) as tasks,
       (select count(*)::int from timer where instance_id = ?) as timers,
       (select count(*)::int from outbox where instance_id = ?) as outbox,
       (select version from instance where id = ?) as version`,
		[instanceId, instanceId, instanceId, instanceId, instanceId]
	);
	return row;
}

describe('event transaction', () => {
	it('starts, applies an event with effects, and completes a task', async () => {
		const started = await start();
		expect(started.stateValue).toBe('drafting');
		expect(started.openTasks).toHaveLength(1);
		const taskId = started.openTasks[0]?.id;
		const submitted = await sendEvent({
			em: fx.em(),
			orgId: fx.orgId,
			instanceId: started.instanceId,
			event: { type: 'submit', taskId },
			now: T0
		});
		expect(submitted.stateValue).toBe('reviewing');
		expect(submitted.seq).toBe(2);
		expect(submitted.openTasks.map((t) => t.taskKey)).toEqual(['reviewing']);
		const [task] = await fx.query<{ status: string; outcome: string }>(
			'select status, outcome from task where id = ?',
			[taskId]
		);
		expect(task).toEqual({ status: 'completed', outcome: 'submit' });
		const timers = await fx.query<{ status: string }>(
			'select status from timer where instance_id = ?',
			[started.instanceId]
		);
		expect(timers.map((t) => t.status)).toEqual(['cancelled']);
		const outbox = await fx.query<{ kind: string; idempotency_key: string }>(
			'select kind, idempotency_key from outbox where instance_id = ? order by kind',
			[started.instanceId]
		);
		expect(outbox.map((o) => o.kind)).toEqual(['action', 'notify']);
		expect(outbox[0]?.idempotency_key).toMatch(new RegExp(`^${started.instanceId}:2:\\d+$`));

		const again = sendEvent({
			em: fx.em(),
			orgId: fx.orgId,
			instanceId: started.instanceId,
			event: { type: 'submit', taskId },
			now: T0
		});
		await expect(again).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringContaining('already completed')
		});
	});

	it('refuses an event the state does not accept with the accepted events, writing nothing', async () => {
		const started = await start();
		const before = await counts(started.instanceId);
		const refused = await sendEvent({
			em: fx.em(),
			orgId: fx.orgId,
			instanceId: started.instanceId,
			event: { type: 'approve' },
			now: T0
		}).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(AppError);
		expect(refused).toMatchObject({
			code: 'event_not_accepted',
			status: 409,
			details: { state: 'drafting', accepted: expect.arrayContaining(['submit']) }
		});
		expect(await counts(started.instanceId)).toEqual(before);
	});

	it('leaves no trace when an effect insert fails mid-event', async () => {
		const started = await start();
		const before = await counts(started.instanceId);
		const [snapshotBefore] = await fx.query<{ snapshot: unknown }>(
			'select snapshot from instance where id = ?',
			[started.instanceId]
		);
		await fx.query(
			`create or replace function fail_outbox() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$`
		);
		await fx.query(
			'create trigger fail_outbox before insert on outbox for each row execute function fail_outbox()'
		);
		try {
			await expect(
				sendEvent({
					em: fx.em(),
					orgId: fx.orgId,
					instanceId: started.instanceId,
					event: { type: 'submit' },
					now: T0
				})
			).rejects.toThrow(/forced failure/);
		} finally {
			await fx.query('drop trigger fail_outbox on outbox');
		}
		expect(await counts(started.instanceId)).toEqual(before);
		const [snapshotAfter] = await fx.query<{ snapshot: unknown }>(
			'select snapshot from instance where id = ?',
			[started.instanceId]
		);
		expect(snapshotAfter).toEqual(snapshotBefore);
		const ok = await sendEvent({
			em: fx.em(),
			orgId: fx.orgId,
			instanceId: started.instanceId,
			event: { type: 'submit' },
			now: T0
		});
		expect(ok.seq).toBe(2);
	});

	it('applies 50 concurrent events on one instance without losing any', async () => {
		const started = await start();
		const results = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				sendEvent({
					em: fx.em(),
					orgId: fx.orgId,
					instanceId: started.instanceId,
					event: { type: 'ping', data: { i } },
					clientEventId: `c-${i}`,
					now: T0
				})
			)
		);
		expect(new Set(results.map((r) => r.seq)).size).toBe(50);
		const seqs = await fx.query<{ seq: number }>(
			'select seq from journal where instance_id = ? order by seq',
			[started.instanceId]
		);
		expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
		const c = await counts(started.instanceId);
		expect(c?.version).toBe(51);
		const open = await fx.query('select id from task where instance_id = ? and status = ?', [
			started.instanceId,
			'open'
		]);
		expect(open).toHaveLength(1);
		const pending = await fx.query('select id from timer where instance_id = ? and status = ?', [
			started.instanceId,
			'pending'
		]);
		expect(pending).toHaveLength(1);
	});

	it('answers a duplicate clientEventId with the first answer and applies it once', async () => {
		const started = await start();
		const first = await sendEvent({
			em: fx.em(),
			orgId: fx.orgId,
			instanceId: started.instanceId,
			event: { type: 'submit' },
			clientEventId: 'dup-1',
			now: T0
		});
		const second = await sendEvent({
			em: fx.em(),
			orgId: fx.orgId,
			instanceId: started.instanceId,
			event: { type: 'submit' },
			clientEventId: 'dup-1',
			now: T0
		});
		expect(second).toMatchObject({
			seq: first.seq,
			stateValue: first.stateValue,
			isDuplicate: true
		});
		const concurrent = await Promise.all(
			[1, 2, 3].map(() =>
				sendEvent({
					em: fx.em(),
					orgId: fx.orgId,
					instanceId: started.instanceId,
					event: { type: 'ping' },
					clientEventId: 'dup-2',
					now: T0
				})
			)
		);
		expect(concurrent.filter((r) => !r.isDuplicate)).toHaveLength(1);
		expect((await counts(started.instanceId))?.journal).toBe(3);
	});

	it('maps unknown ids to not_found', async () => {
		await expect(
			sendEvent({
				em: fx.em(),
				orgId: fx.orgId,
				instanceId: '00000000-0000-4000-8000-000000000000',
				event: { type: 'x' },
				now: T0
			})
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			sendEvent({ em: fx.em(), orgId: fx.orgId, instanceId: 'nope', event: { type: 'x' }, now: T0 })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
