import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/lib/server/db/test-db';
import { configureRuntime } from '../../src/lib/server/runtime/engine-port';
import { realEngine } from '../../src/lib/server/runtime/real-engine';
import { startInstance } from '../../src/lib/server/runtime/start';
import { sendEvent, type EventResult } from '../../src/lib/server/runtime/executor';
import { runDueTimers } from '../../src/lib/server/runtime/timers';
import { runOutbox } from '../../src/lib/server/runtime/outbox';
import { withSql } from '../../src/lib/server/runtime/pg';
import { importWorkflowDirectory } from '../../src/lib/server/definitions/import-workflows';
import { getRegistry } from '../../src/lib/server/plugins';
import { manualClock, type AdjustableClock } from '../../src/lib/server/clock';
import { seedOrg, type SeededOrg } from '../fixtures/seed';
import { createMetric } from '../../src/lib/server/domain/metrics/definitions';
import { ingestMetricValues } from '../../src/lib/server/domain/ingest/index';

const DAY = 86_400_000;
let db: TestDatabase;
let org: SeededOrg;
const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
	withSql(db.orm.em.fork(), (q) => q<T>(undefined, text, params));

beforeAll(async () => {
	configureRuntime({ engine: realEngine, registry: await getRegistry() });
	db = await createTestDatabase();
	org = await seedOrg(db.orm);
	const imported = await importWorkflowDirectory({
		em: db.orm.em.fork(),
		orgId: org.orgId,
		dir: path.resolve('workflows'),
		now: new Date('2025-01-01T00:00:00Z')
	});
	expect(imported.map((i) => i.result.ok)).toEqual([true, true, true]);
});
afterAll(async () => {
	await db?.close();
});

/** Drives one instance through the runtime the way the inbox and the workers do. */
class Driver {
	last!: EventResult;
	timersFired = 0;
	constructor(readonly clock: AdjustableClock) {}

	async start(slug: string, subjectId = org.employeeId) {
		this.last = await startInstance({
			em: db.orm.em.fork(),
			orgId: org.orgId,
			definitionSlug: slug,
			subjectId,
			now: this.clock.now()
		});
		return this.last;
	}

	get openTaskKeys() {
		return this.last.openTasks.map((t) => t.taskKey).sort();
	}

	/** Completes the open task `taskKey` with outcome `type` and its form data. */
	async complete(taskKey: string, type: string, data: Record<string, unknown> = {}) {
		const task = this.last.openTasks.find((t) => t.taskKey === taskKey);
		if (!task) throw new Error(`no open task ${taskKey}; open: ${this.openTaskKeys.join(', ')}`);
		this.last = await sendEvent({
			em: db.orm.em.fork(),
			orgId: org.orgId,
			instanceId: this.last.instanceId,
			event: { type, data, taskId: task.id },
			clientEventId: `${task.id}:${type}`,
			actorId: task.assigneePersonId ?? undefined,
			now: this.clock.now()
		});
		return this.last;
	}

	/** Moves the clock on by `days` and fires what came due, then re-reads the instance. */
	async advance(days: number) {
		this.clock.advance(days * DAY);
		for (;;) {
			const r = await runDueTimers({ em: db.orm.em.fork(), now: this.clock.now(), limit: 50 });
			expect(r.stale).toBe(0);
			this.timersFired += r.fired;
			if (r.fired === 0) break;
		}
		const [row] = await sql<{ version: number }>('select version from instance where id = $1', [
			this.last.instanceId
		]);
		if (row && row.version !== this.last.version) {
			// Re-read through the event path's view: a duplicate clientEventId answers without writing.
			const tasks = await sql<{ id: string; task_key: string; assignee_person_id: string | null }>(
				"select id, task_key, assignee_person_id from task where instance_id = $1 and status = 'open'",
				[this.last.instanceId]
			);
			this.last = {
				...this.last,
				version: row.version,
				openTasks: tasks.map((t) => ({
					id: t.id,
					taskKey: t.task_key,
					assigneePersonId: t.assignee_person_id
				})) as EventResult['openTasks']
			};
		}
	}

	async summary() {
		const id = this.last.instanceId;
		const [row] = await sql<Record<string, unknown>>(
			`select i.status, i.version, i.snapshot->'context' as data,
         (select array_agg(seq order by seq) from journal where instance_id = i.id) as seqs,
         (select count(*)::int from journal where instance_id = i.id and kind = 'timer') as timer_events,
         (select count(*)::int from task where instance_id = i.id and status = 'open') as open_tasks,
         (select count(*)::int from task where instance_id = i.id and status = 'completed') as completed_tasks,
         (select count(*)::int from task where instance_id = i.id and status = 'cancelled') as cancelled_tasks,
         (select count(*)::int from timer where instance_id = i.id and status = 'pending') as pending_timers,
         (select count(*)::int from timer where instance_id = i.id and status = 'fired') as fired_timers,
         (select count(*)::int from timer where instance_id = i.id and status = 'cancelled') as cancelled_timers
       from instance i where i.id = $1`,
			[id]
		);
		return row as {
			status: string;
			version: number;
			data: Record<string, unknown>;
			seqs: number[];
			timer_events: number;
			open_tasks: number;
			completed_tasks: number;
			cancelled_tasks: number;
			pending_timers: number;
			fired_timers: number;
			cancelled_timers: number;
		};
	}
}

async function expectJournalComplete(d: Driver) {
	const s = await d.summary();
	expect(s.status).toBe('done');
	expect(s.seqs).toEqual(Array.from({ length: s.version }, (_, i) => i + 1));
	expect(s.open_tasks).toBe(0);
	expect(s.pending_timers).toBe(0);
	expect(s.fired_timers).toBe(s.timer_events);
	expect(s.fired_timers).toBe(d.timersFired);
	return s;
}

describe.each(['annual-performance-cycle', 'annual-performance-cycle-profit'])(
	'%s through the runtime and the real engine',
	(slug) => {
		it('runs from goal setting to done with tasks, timers and the outcome', async () => {
			const d = new Driver(manualClock('2025-01-01T00:00:00Z'));
			await d.start(slug);
			expect(d.last.openTasks).toMatchObject([
				{ taskKey: 'goalSetting', assigneePersonId: org.employeeId, kind: 'task' }
			]);
			const goals = { goals: [{ title: 'Grow revenue', weight: 100 }] };
			await d.complete('goalSetting', 'submit', goals);
			expect(d.last.openTasks).toMatchObject([
				{ taskKey: 'managerApproval', assigneePersonId: org.managerId }
			]);
			await d.complete('managerApproval', 'return', { comment: 'Add a key result' });
			expect(d.openTaskKeys).toEqual(['goalSetting']);
			await d.complete('goalSetting', 'submit', goals);
			await d.complete('managerApproval', 'approve', {});
			expect(d.last.stateValue).toMatchObject({ tracking: { metrics: 'watching' } });
			expect((await d.summary()).pending_timers).toBe(3);

			// A year of tracking, a week at a time; the manager answers each quarterly check-in.
			let checkIns = 0;
			for (let week = 0; week < 40 && d.openTaskKeys[0] !== 'selfReview'; week++) {
				await d.advance(7);
				if (d.openTaskKeys.includes('tracking.feedback.checkIn')) {
					await d.complete('tracking.feedback.checkIn', 'submit', {
						notes: 'On it',
						onTrack: true
					});
					checkIns++;
				}
			}
			expect(checkIns).toBe(2);
			expect(d.openTaskKeys).toEqual(['selfReview']);
			const tracked = await d.summary();
			expect(tracked.pending_timers).toBe(0);
			expect(tracked.cancelled_timers).toBeGreaterThanOrEqual(2);
			expect(tracked.data.checkIns).toBe(2);

			await d.complete('selfReview', 'submit', { summary: 'Closed the year', rating: 4 });
			if (slug.endsWith('profit'))
				await d.complete('profitReview', 'submit', { profitPerUser: 1100, assessment: 'below' });
			await d.complete('managerEvaluation', 'submit', { rating: 3, comment: 'Solid year' });
			expect(d.last.openTasks).toMatchObject([
				{ taskKey: 'calibration', assigneeRole: 'hr', assigneePersonId: null }
			]);
			await d.complete('calibration', 'submit', { rating: 3 });
			await d.complete('hrApproval', 'approve', {});
			expect(d.last.status).toBe('done');

			const s = await expectJournalComplete(d);
			expect(s.data.calibratedRating).toBe(3);
			expect(s.cancelled_tasks).toBe(0);
			expect(s.completed_tasks).toBe(slug.endsWith('profit') ? 11 : 10);

			const applied: { idempotencyKey: string; outcome: unknown }[] = [];
			const services = {
				outcomes: {
					apply: (input: (typeof applied)[number]) => Promise.resolve(applied.push(input))
				}
			};
			const outbox = await runOutbox({ em: db.orm.em.fork(), now: d.clock.now(), services });
			expect(outbox.failed).toBe(0);
			const rows = await sql<{ kind: string; status: string; payload: Record<string, unknown> }>(
				"select kind, status, payload from outbox where instance_id = $1 order by kind, coalesce(payload->>'template', payload->>'actionType')",
				[d.last.instanceId]
			);
			expect(rows.map((r) => [r.kind, r.payload.template ?? r.payload.actionType])).toEqual([
				['action', 'goals.activate'],
				['action', 'outcomes.apply'],
				['notify', 'goalsReturned'],
				['notify', 'outcomeApplied']
			]);
			expect(rows.every((r) => r.status === 'done')).toBe(true);
			expect(applied).toMatchObject([
				{ outcome: { subjectId: org.employeeId, outcome: { rating: 3 } } }
			]);
			expect(applied[0]?.idempotencyKey).toMatch(new RegExp(`^${d.last.instanceId}:${s.version}:`));
			const notes = await sql<{ template: string; recipient_person_id: string }>(
				'select template, recipient_person_id from notification where instance_id = $1 order by created_at',
				[d.last.instanceId]
			);
			expect(notes).toEqual([
				{ template: 'goalsReturned', recipient_person_id: org.employeeId },
				{ template: 'outcomeApplied', recipient_person_id: org.employeeId }
			]);
		}, 60_000);
	}
);

describe('monthly-sales-target through the runtime and the real engine', () => {
	beforeAll(async () => {
		await createMetric(db.orm.em.fork(), org.orgId, {
			key: 'sales_amount',
			name: { en: 'Sales' },
			unit: { kind: 'currency', code: 'CNY', decimals: 0 },
			aggregation: 'sum',
			period: 'month',
			direction: 'higher_is_better'
		});
		// Two weeks into March: Zhang San has 3M of the 10M target (behind the 5M pace), Li Si 6M.
		const daily = (person: string, total: number) =>
			Array.from({ length: 14 }, (_, i) => ({
				line: i + 1,
				metric: 'sales_amount',
				person,
				date: `2025-03-${String(i + 1).padStart(2, '0')}`,
				value: total / 14,
				sourceId: `crm-${person}-${i}`
			}));
		const report = await ingestMetricValues(
			db.orm.em.fork(),
			org.orgId,
			[...daily(org.employeeId, 3_000_000), ...daily(org.managerId, 6_000_000)],
			{ now: new Date('2025-03-01T00:00:00Z'), notify: false }
		);
		expect(report.ok).toBe(true);
	});

	async function runMonth(subjectId: string) {
		const d = new Driver(manualClock('2025-03-01T00:00:00Z'));
		await d.start('monthly-sales-target', subjectId);
		expect(d.last.openTasks).toMatchObject([{ taskKey: 'tracking.feedback.feedback' }]);
		expect((await d.summary()).pending_timers).toBe(1);
		await d.advance(7);
		await d.advance(7);
		await d.complete('tracking.feedback.feedback', 'submit', { notes: 'Two big accounts' });
		await d.advance(7);
		await d.advance(7);
		expect(d.openTaskKeys).toEqual(['evaluation']);
		await d.complete('evaluation', 'submit', { rating: 3, comment: 'Close to target' });
		const s = await expectJournalComplete(d);
		expect(s.timer_events).toBe(4);
		expect(s.data.weeksElapsed).toBe(4);
		const notes = await sql<{ template: string; recipient: string }>(
			`select payload->>'template' as template, payload->'to'->>'id' as recipient
			   from outbox where instance_id = $1 and kind = 'notify'`,
			[d.last.instanceId]
		);
		return { s, notes };
	}

	it('reminds the manager at the week-3 check when the subject is behind pace', async () => {
		const { s, notes } = await runMonth(org.employeeId);
		expect(s.data.remindedBehind).toBe(true);
		expect(notes.map((n) => n.template)).toEqual(['behindPace']);
		// The month's sales as the guard saw them: 3M by the check, nothing later was recorded.
		expect(s.data.salesAtClose).toBeCloseTo(3_000_000, 0);
	}, 60_000);

	it('sends no reminder for a subject on pace', async () => {
		const { s, notes } = await runMonth(org.managerId);
		expect(s.data.remindedBehind).toBe(false);
		expect(notes).toEqual([]);
		expect(s.data.salesAtClose).toBeCloseTo(6_000_000, 0);
	}, 60_000);
});

describe('an expression that fails while an event is applied', () => {
	it('is refused with evaluation_failed (422), the message and the path, and writes nothing', async () => {
		const definition = {
			id: 'test-evaluation-failure',
			name: { en: 'Evaluation failure' },
			initial: 'open',
			states: {
				open: {
					meta: { kind: 'wait' },
					on: {
						rate: {
							target: 'done',
							guard: { type: 'core.expr', params: { expr: 'event.data.level.value > 1' } }
						}
					}
				},
				done: { type: 'final', meta: { kind: 'final' } }
			}
		};
		const { importDefinition } = await import('../../src/lib/server/definitions/service');
		const imported = await importDefinition({
			em: db.orm.em.fork(),
			orgId: org.orgId,
			content: definition,
			now: new Date('2025-01-01T00:00:00Z')
		});
		expect(imported.ok).toBe(true);
		const d = new Driver(manualClock('2025-01-01T00:00:00Z'));
		const started = await d.start(definition.id);
		const refused = await sendEvent({
			em: db.orm.em.fork(),
			orgId: org.orgId,
			instanceId: started.instanceId,
			event: { type: 'rate', data: {} },
			now: d.clock.now()
		}).catch((err: unknown) => err);
		expect(refused).toMatchObject({
			code: 'evaluation_failed',
			status: 422,
			message: expect.stringContaining('No such key: level'),
			details: {
				state: 'open',
				expression: 'event.data.level.value > 1',
				path: 'states.open.on.rate.guard.params.expr'
			}
		});
		expect((await d.summary()).version).toBe(1);
		const ok = await sendEvent({
			em: db.orm.em.fork(),
			orgId: org.orgId,
			instanceId: started.instanceId,
			event: { type: 'rate', data: { level: { value: 2 } } },
			now: d.clock.now()
		});
		expect(ok).toMatchObject({ status: 'done', seq: 2 });
	});
});
