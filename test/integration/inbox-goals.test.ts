import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainDue } from '../../src/lib/server/runtime/workers';
import { completeTask, listInbox } from '../../src/lib/server/tasks/index';
import { createGoal } from '../../src/lib/server/domain/goals/service';
import { activateApprovedGoals } from '../../src/lib/server/goals-activation/index';
import { formOf, setupInboxFixture, T0, type InboxFixture } from './inbox-fixture';

let fx: InboxFixture;
let departmentGoalId: string;
beforeAll(async () => {
	fx = await setupInboxFixture();
	const unitId = randomUUID();
	await fx.query(
		"insert into org_unit (id, organisation_id, kind, name) values (?, ?, 'department', 'Sales')",
		[unitId, fx.orgId]
	);
	await fx.query(
		`insert into metric_definition (id, organisation_id, key, name, unit, aggregation, period, direction)
		 values (?, ?, 'sales_amount', '{"en":"Sales"}', '{"kind":"currency","currency":"CNY"}', 'sum', 'month', 'higher_is_better')`,
		[randomUUID(), fx.orgId]
	);
	const department = await createGoal(
		fx.em(),
		fx.orgId,
		{
			kind: 'objective',
			title: { en: 'Grow sales' },
			owner: { kind: 'unit', id: unitId },
			parentId: null,
			startDate: '2025-01-01',
			dueDate: '2025-12-31',
			weight: 1
		},
		{ actorId: null, reason: 'test', now: T0 }
	);
	departmentGoalId = department.id;
});
afterAll(async () => {
	await fx?.db.close();
});

describe('approved goals become active goals', () => {
	it('creates the personal goals and key results once, even when the outbox repeats', async () => {
		const { instanceId, taskId } = await fx.startCycle();
		const base = { em: fx.em(), orgId: fx.orgId, locale: 'en', now: T0 };
		const submitted = await completeTask({
			...base,
			actor: fx.actors.zhang,
			taskId,
			outcome: 'submit',
			input: formOf({
				'goals.0.title': 'Sell 10M a month',
				'goals.0.weight': '70',
				'goals.0.departmentGoalId': departmentGoalId,
				'goals.0.keyResults.0.title': 'Monthly sales',
				'goals.0.keyResults.0.metric': 'sales_amount',
				'goals.0.keyResults.0.baseline': '6000000',
				'goals.0.keyResults.0.target': '10000000',
				'goals.0.keyResults.0.weight': '100',
				'goals.1.title': 'Visit key customers',
				'goals.1.weight': '30'
			})
		});
		expect(submitted).toMatchObject({ ok: true });
		const [approval] = await listInbox({ ...base, em: fx.em(), actor: fx.actors.sun });
		await completeTask({
			...base,
			em: fx.em(),
			actor: fx.actors.sun,
			taskId: approval!.id,
			outcome: 'approve',
			input: formOf({})
		});
		const clock = { now: () => T0 };
		await drainDue({ orm: fx.db.orm, clock });
		const goalsOf = () =>
			fx.query<{
				id: string;
				kind: string;
				title: unknown;
				status: string;
				parent_id: string | null;
				owner_id: string;
				weight: number;
				metric_id: string | null;
			}>(
				`select id, kind, title, status, parent_id, owner_id, weight, metric_id from goal
				  where organisation_id = ? and owner_kind = 'person' order by kind, weight desc`,
				[fx.orgId]
			);
		const first = await goalsOf();
		expect(first).toHaveLength(3);
		const objectives = first.filter((g) => g.kind === 'objective');
		expect(objectives.map((g) => [g.status, g.parent_id, g.owner_id, Number(g.weight)])).toEqual([
			['active', departmentGoalId, fx.people.zhang, 70],
			['active', null, fx.people.zhang, 30]
		]);
		const [kr] = first.filter((g) => g.kind === 'key_result');
		expect(kr).toMatchObject({ status: 'active', parent_id: objectives[0]!.id });
		expect(kr?.metric_id).not.toBeNull();
		const binding = await fx.query<{ metric: Record<string, unknown> | string }>(
			'select * from goal where id = ?',
			[kr!.id]
		);
		expect(JSON.stringify(binding[0])).toContain('10000000');

		// The outbox is at-least-once: run the same action row again.
		const rows = await fx.query<{ id: string }>(
			"select id from outbox where instance_id = ? and kind = 'action' and status = 'done'",
			[instanceId]
		);
		expect(rows.length).toBeGreaterThan(0);
		await fx.query(
			"update outbox set status = 'pending' where instance_id = ? and kind = 'action'",
			[instanceId]
		);
		await drainDue({ orm: fx.db.orm, clock });
		expect(await activateApprovedGoals({ em: fx.em(), now: T0 })).toEqual({ activated: 0 });
		expect((await goalsOf()).map((g) => g.id)).toEqual(first.map((g) => g.id));
	});
});
