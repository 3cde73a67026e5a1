import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOutbox } from '../../src/lib/server/runtime/outbox';
import { runDueTimers } from '../../src/lib/server/runtime/timers';
import { completeTask, listInbox } from '../../src/lib/server/tasks/index';
import {
	deliverMail,
	listMail,
	listNotifications,
	markRead,
	unreadCount
} from '../../src/lib/server/notify/index';
import { getFeedbackPage, postFeedback } from '../../src/lib/server/feedback/index';
import {
	generateModule,
	formattedModule,
	GENERATED_FILE
} from '../../src/lib/server/notify/templates/generate';
import { readFileSync } from 'node:fs';
import { formOf, setupInboxFixture, T0, type InboxFixture } from './inbox-fixture';

let fx: InboxFixture;
let instanceId: string;
beforeAll(async () => {
	fx = await setupInboxFixture();
	const started = await fx.startCycle();
	instanceId = started.instanceId;
	const base = { em: fx.em(), orgId: fx.orgId, locale: 'en', now: T0 };
	await completeTask({
		...base,
		actor: fx.actors.zhang,
		taskId: started.taskId,
		outcome: 'submit',
		input: formOf({ 'goals.0.title': 'Sell 10M a month', 'goals.0.weight': '100' })
	});
	const [approval] = await listInbox({ ...base, actor: fx.actors.sun });
	await completeTask({
		...base,
		em: fx.em(),
		actor: fx.actors.sun,
		taskId: approval!.id,
		outcome: 'return',
		input: formOf({ comment: 'Add the customer visits' })
	});
});
afterAll(async () => {
	await fx?.db.close();
});

describe('notifications and the mail outbox', () => {
	it('delivers the runtime notify row as an in-app notification with a kept mail', async () => {
		await runOutbox({ em: fx.em(), now: T0 });
		const items = await listNotifications({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			locale: 'en'
		});
		expect(items[0]).toMatchObject({ template: 'goalsReturned', isRead: false });
		expect(items[0]?.text).toContain('Your goals were returned');
		expect(items[0]?.href).toMatch(/^\/tasks\//);
		expect(await unreadCount({ em: fx.em(), orgId: fx.orgId, actor: fx.actors.zhang })).toBe(1);
		expect(await unreadCount({ em: fx.em(), orgId: fx.orgId, actor: fx.actors.sun })).toBe(0);

		expect(await deliverMail({ em: fx.em(), now: T0 })).toMatchObject({ kept: 1, sent: 0 });
		const [mail] = await listMail({ em: fx.em(), orgId: fx.orgId });
		expect(mail).toMatchObject({ toEmail: 'zhang.san@example.test', status: 'kept' });
		expect(mail?.subject).toContain('Your goals were returned');
		expect(mail?.bodyText).toContain('Hello Zhang San');

		expect(await markRead({ em: fx.em(), orgId: fx.orgId, actor: fx.actors.sun, now: T0 })).toBe(0);
		expect(
			await markRead({
				em: fx.em(),
				orgId: fx.orgId,
				actor: fx.actors.zhang,
				ids: [items[0]!.id],
				now: T0
			})
		).toBe(1);
		expect(await unreadCount({ em: fx.em(), orgId: fx.orgId, actor: fx.actors.zhang })).toBe(0);
	});

	it('ships the precompiled templates generated from their sources', async () => {
		expect(generateModule()).toContain('runtime.template(');
		expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(await formattedModule());
	});
});

describe('reminders from the definition timers', () => {
	it('reminds the assignee before the due date and escalates to the manager when overdue', async () => {
		const { instanceId } = await fx.startCycle();
		const day = 86_400_000;
		await runDueTimers({ em: fx.em(), now: new Date(T0.getTime() + 11 * day + 1000) });
		await runDueTimers({ em: fx.em(), now: new Date(T0.getTime() + 14 * day + 1000) });
		await runOutbox({ em: fx.em(), now: new Date(T0.getTime() + 14 * day + 2000) });
		const mine = await listNotifications({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			locale: 'en'
		});
		expect(mine.find((n) => n.instanceId === instanceId)?.text).toBe(
			'Reminder: your step in FY2025 for Zhang San is due in 3 days'
		);
		const manager = await listNotifications({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.sun,
			locale: 'en'
		});
		expect(manager.find((n) => n.instanceId === instanceId)?.text).toBe(
			"Overdue: a step of Zhang San's FY2025 cycle has passed its due date"
		);
		const journal = await fx.query<{ kind: string; event_type: string }>(
			'select kind, event_type from journal where instance_id = ? order by seq',
			[instanceId]
		);
		expect(journal.filter((j) => j.kind === 'timer').map((j) => j.event_type)).toEqual([
			expect.stringContaining('xstate.after.P11D'),
			expect.stringContaining('xstate.after.P14D')
		]);
	});
});

describe('feedback threads', () => {
	it('lets the manager write, the employee reply, and keeps private notes from the employee', async () => {
		const base = { em: fx.em(), orgId: fx.orgId, instanceId, now: T0 };
		const written = await postFeedback({
			...base,
			actor: fx.actors.sun,
			body: 'Visit more customers',
			withCheckIn: true
		});
		expect(written.ok).toBe(true);
		const refused = await postFeedback({
			...base,
			em: fx.em(),
			actor: fx.actors.zhang,
			body: 'I praise myself'
		});
		expect(refused).toMatchObject({ ok: false, issues: [{ code: 'forbidden' }] });
		const empty = await postFeedback({ ...base, em: fx.em(), actor: fx.actors.sun, body: '   ' });
		expect(empty).toMatchObject({ ok: false, issues: [{ path: 'body', code: 'required' }] });
		const reply = await postFeedback({
			...base,
			em: fx.em(),
			actor: fx.actors.zhang,
			parentId: written.ok ? written.id : '',
			body: "Next week's visit plan is ready",
			now: new Date(T0.getTime() + 30_000)
		});
		expect(reply.ok).toBe(true);
		const note = await postFeedback({
			...base,
			em: fx.em(),
			actor: fx.actors.sun,
			body: 'Consider for promotion',
			now: new Date(T0.getTime() + 60_000),
			isPrivate: true
		});
		expect(note.ok).toBe(true);
		const [stored] = await fx.query<{ body: string }>(
			'select body from feedback_entry where is_private'
		);
		expect(stored?.body.startsWith('lw1:')).toBe(true);

		const forManager = await getFeedbackPage({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.sun,
			instanceId,
			locale: 'en'
		});
		expect(forManager.cycleThreads.map((t) => t.root.body)).toEqual([
			'Consider for promotion',
			'Visit more customers'
		]);
		const forEmployee = await getFeedbackPage({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			instanceId,
			locale: 'en'
		});
		expect(forEmployee.canStart).toBe(false);
		expect(forEmployee.cycleThreads).toHaveLength(1);
		expect(forEmployee.cycleThreads[0]?.replies.map((r) => r.body)).toEqual([
			"Next week's visit plan is ready"
		]);
		expect(forEmployee.cycleThreads[0]?.root.checkIn).toMatchObject({
			note: 'Visit more customers',
			goals: []
		});
		await expect(
			getFeedbackPage({
				em: fx.em(),
				orgId: fx.orgId,
				actor: fx.actors.wang,
				instanceId,
				locale: 'en'
			})
		).rejects.toMatchObject({ code: 'not_found' });
		const notes = await listNotifications({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.sun,
			locale: 'en'
		});
		expect(notes.find((n) => n.template === 'feedbackReplied')?.text).toBe(
			'Zhang San replied: "Next week\'s visit plan is ready"'
		);
	});
});
