import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInbox, inboxCounts, getTask, completeTask } from '../../src/lib/server/tasks/index';
import { formOf, setupInboxFixture, T0, type InboxFixture } from './inbox-fixture';

let fx: InboxFixture;
beforeAll(async () => {
	fx = await setupInboxFixture();
});
afterAll(async () => {
	await fx?.db.close();
});

const later = (days: number) => new Date(T0.getTime() + days * 86_400_000);

async function journalCount(instanceId: string): Promise<number> {
	const [row] = await fx.query<{ n: number }>(
		'select count(*)::int as n from journal where instance_id = ?',
		[instanceId]
	);
	return row?.n ?? 0;
}

describe('inbox and task completion', () => {
	it('lists the open task with its rendered title, due date and subject', async () => {
		const { taskId } = await fx.startCycle();
		const items = await listInbox({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			locale: 'en',
			now: T0
		});
		const item = items.find((i) => i.id === taskId);
		expect(item).toMatchObject({
			title: 'Set your goals for FY2025',
			isForMe: true,
			isOverdue: false
		});
		expect(item?.subject.name).toBe('Zhang San');
		expect(item?.dueAt).toBe(later(14).toISOString());
		const zh = await listInbox({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			locale: 'zh-CN',
			now: T0
		});
		expect(zh.find((i) => i.id === taskId)?.title).toBe('设定您的FY2025目标');
		const overdue = await listInbox({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			locale: 'en',
			now: later(15),
			filter: 'overdue'
		});
		expect(overdue.map((i) => i.id)).toContain(taskId);
		const counts = await inboxCounts({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			now: later(15)
		});
		expect(counts.open).toBeGreaterThanOrEqual(1);
		expect(counts.overdue).toBeGreaterThanOrEqual(1);
		// Nobody else sees it, and its page answers 404 for them.
		const other = await listInbox({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.sun,
			locale: 'en',
			now: T0
		});
		expect(other.map((i) => i.id)).not.toContain(taskId);
		await expect(
			getTask({ em: fx.em(), orgId: fx.orgId, actor: fx.actors.sun, taskId, locale: 'en' })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('refuses missing and wrong fields with errors by path and writes nothing', async () => {
		const { instanceId, taskId } = await fx.startCycle();
		const before = await journalCount(instanceId);
		const result = await completeTask({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			taskId,
			outcome: 'submit',
			input: formOf({ 'goals.0.title': 'ab', 'goals.0.weight': 'lots', 'goals.1.keyResult': 'x' }),
			locale: 'en',
			now: T0
		});
		expect(result.ok).toBe(false);
		if (result.ok || result.kind !== 'invalid') throw new Error('expected field errors');
		expect(result.issues).toEqual(
			expect.arrayContaining([
				{ path: 'goals.0.title', code: 'minLength', limit: 3 },
				{ path: 'goals.0.weight', code: 'type', limit: 'number' },
				{ path: 'goals.1.title', code: 'required' },
				{ path: 'goals.1.weight', code: 'required' }
			])
		);
		const empty = await completeTask({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			taskId,
			outcome: 'submit',
			input: formOf({}),
			locale: 'en',
			now: T0
		});
		expect(empty).toMatchObject({
			ok: false,
			kind: 'invalid',
			issues: [{ path: 'goals', code: 'required' }]
		});
		expect(await journalCount(instanceId)).toBe(before);
		const [task] = await fx.query<{ status: string }>('select status from task where id = ?', [
			taskId
		]);
		expect(task?.status).toBe('open');
	});

	it('runs goal setting: submit, return with comments, revise, approve; twice is "already completed"', async () => {
		const { instanceId, taskId } = await fx.startCycle();
		const goals = {
			'goals.0.title': 'Sell 10M a month',
			'goals.0.keyResult': '10M monthly sales',
			'goals.0.weight': '70',
			'goals.1.title': 'Visit 40 customers',
			'goals.1.weight': '30'
		};
		const submitted = await completeTask({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			taskId,
			outcome: 'submit',
			input: formOf(goals),
			locale: 'en',
			now: new Date(T0.getTime() + 1 * 60_000)
		});
		expect(submitted.ok).toBe(true);
		const again = await completeTask({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			taskId,
			outcome: 'submit',
			input: formOf(goals),
			locale: 'en',
			now: new Date(T0.getTime() + 2 * 60_000)
		});
		expect(again).toMatchObject({
			ok: false,
			kind: 'alreadyCompleted',
			completedBy: 'Zhang San',
			outcome: 'submit'
		});

		const inbox = await listInbox({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.sun,
			locale: 'en',
			now: new Date(T0.getTime() + 3 * 60_000)
		});
		const approval = inbox.find((i) => i.instanceId === instanceId);
		expect(approval?.title).toBe("Approve Zhang San's goals");
		const approvalTask = await getTask({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.sun,
			taskId: approval!.id,
			locale: 'en'
		});
		expect(approvalTask.outcomes).toEqual([
			{ event: 'approve', requiresComment: false },
			{ event: 'return', requiresComment: true }
		]);
		expect(approvalTask.submissions[0]?.data.goals).toHaveLength(2);

		const noComment = await completeTask({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.sun,
			taskId: approval!.id,
			outcome: 'return',
			input: formOf({ comment: '  ' }),
			locale: 'en',
			now: new Date(T0.getTime() + 4 * 60_000)
		});
		expect(noComment).toMatchObject({
			ok: false,
			kind: 'invalid',
			issues: [{ path: 'comment', code: 'commentRequired' }]
		});

		const returned = await completeTask({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.sun,
			taskId: approval!.id,
			outcome: 'return',
			input: formOf({
				comment: 'Make the visits measurable',
				'fieldComment.goals.1': 'Which customers?'
			}),
			locale: 'en',
			now: new Date(T0.getTime() + 5 * 60_000)
		});
		expect(returned.ok).toBe(true);
		const [revision] = await listInbox({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			locale: 'en',
			now: new Date(T0.getTime() + 6 * 60_000)
		}).then((items) => items.filter((i) => i.instanceId === instanceId));
		const revisionTask = await getTask({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			taskId: revision!.id,
			locale: 'en'
		});
		expect(revisionTask.returned).toMatchObject({
			comment: 'Make the visits measurable',
			fieldComments: { 'goals.1': 'Which customers?' },
			by: 'Sun Li'
		});
		expect((revisionTask.initialValue.goals as unknown[]).length).toBe(2);

		const resubmitted = await completeTask({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.zhang,
			taskId: revision!.id,
			outcome: 'submit',
			input: formOf({ ...goals, 'goals.1.title': 'Visit the 40 key accounts of East China' }),
			locale: 'en',
			now: new Date(T0.getTime() + 7 * 60_000)
		});
		expect(resubmitted.ok).toBe(true);
		const [second] = (
			await listInbox({ em: fx.em(), orgId: fx.orgId, actor: fx.actors.sun, locale: 'en', now: T0 })
		).filter((i) => i.instanceId === instanceId);
		const secondTask = await getTask({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.sun,
			taskId: second!.id,
			locale: 'en'
		});
		expect(secondTask.returned).toBeNull();
		const approved = await completeTask({
			em: fx.em(),
			orgId: fx.orgId,
			actor: fx.actors.sun,
			taskId: second!.id,
			outcome: 'approve',
			input: formOf({}),
			locale: 'en',
			now: new Date(T0.getTime() + 8 * 60_000)
		});
		expect(approved.ok && approved.result.stateValue).toMatchObject({
			tracking: { metrics: 'watching' }
		});
		const journal = await fx.query<{ event_type: string }>(
			'select event_type from journal where instance_id = ? order by seq',
			[instanceId]
		);
		expect(journal.map((j) => j.event_type)).toEqual([
			'xstate.init',
			'submit',
			'return',
			'submit',
			'approve'
		]);
	});
});
