import { describe, expect, it } from 'vitest';
import core from '../../../plugins/core/index';
import { resolveAssignee } from './assignee';
import { compileDefinition } from './compile';
import type { Definition } from './definition';
import { createRegistry } from './registry';
import { acceptedEvents, initialStep, step } from './step';

const registry = createRegistry([core]);
const subject = { id: 'e1', name: 'Ann', managerId: 'm1', progress: 0.2 };
const now = Date.UTC(2025, 0, 1);

const definition: Definition = {
	id: 'step-case',
	name: 'Step case',
	context: { count: 0 },
	initial: 'work',
	templates: { title: 'Do it' },
	states: {
		work: {
			meta: { kind: 'task', params: { assignee: 'subject.manager', title: 'title', due: 'P2D' } },
			after: {
				PT1H: {
					target: 'work',
					reenter: true,
					actions: [{ type: 'core.setData', params: { set: { count: 'data.count + 1' } } }]
				}
			},
			on: {
				submit: {
					target: 'done',
					guard: { type: 'core.expr', params: { expr: 'subject.progress > 0.5' } }
				},
				crash: {
					target: 'done',
					guard: { type: 'core.expr', params: { expr: 'subject.nope > 1' } }
				}
			}
		},
		done: { type: 'final', meta: { kind: 'final' } }
	}
};
const compiled = compileDefinition(definition, registry);
const timerKey = 'xstate.after.PT1H.step-case.work';

describe('step', () => {
	it('opens the task and schedules the timer on start', () => {
		const { snapshot, effects } = initialStep(compiled, { subject, now });
		expect(snapshot.value).toBe('work');
		expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
		expect(effects).toEqual([
			{ type: 'scheduleTimer', timerKey, event: { type: timerKey }, dueAt: now + 3_600_000 },
			{
				type: 'openTask',
				taskKey: 'work',
				statePath: 'work',
				kind: 'task',
				assignee: { kind: 'person', id: 'm1' },
				title: 'title',
				dueAt: now + 2 * 86_400_000,
				outcomes: ['submit', 'crash']
			}
		]);
	});

	it('refuses an event whose guard fails, listing what is accepted', () => {
		const { snapshot } = initialStep(compiled, { subject, now });
		const result = step(compiled, snapshot, { type: 'submit' }, { subject, now });
		expect(result).toEqual({
			ok: false,
			code: 'event_not_accepted',
			state: 'work',
			accepted: []
		});
		expect(
			acceptedEvents(compiled, snapshot, { subject: { ...subject, progress: 0.9 }, now })
		).toEqual(['submit']);
	});

	it('fires a timer event (not listed as accepted) as a re-entry of the task state', () => {
		const { snapshot } = initialStep(compiled, { subject, now });
		const later = now + 3_600_000;
		const result = step(compiled, snapshot, { type: timerKey }, { subject, now: later });
		if (!result.ok) throw new Error('refused');
		expect(result.snapshot.context.count).toBe(1);
		expect(result.effects.map((e) => e.type)).toEqual([
			'closeTask',
			'cancelTimer',
			'scheduleTimer',
			'openTask'
		]);
		expect(result.effects[0]).toEqual({ type: 'closeTask', taskKey: 'work', reason: 'cancelled' });
		expect(result.effects[3]).toMatchObject({ taskKey: 'work', dueAt: later + 2 * 86_400_000 });
	});

	it('completes: closes the task, cancels the timer, emits complete', () => {
		const { snapshot } = initialStep(compiled, { subject, now });
		const done = step(
			compiled,
			snapshot,
			{ type: 'submit' },
			{ subject: { ...subject, progress: 0.9 }, now }
		);
		if (!done.ok) throw new Error('refused');
		expect(done.effects.map((e) => e.type)).toEqual(['closeTask', 'cancelTimer', 'complete']);
		expect(step(compiled, done.snapshot, { type: 'submit' }, { subject, now })).toMatchObject({
			ok: false,
			accepted: []
		});
	});

	it('reports a failing expression instead of crashing', () => {
		const { snapshot } = initialStep(compiled, { subject, now });
		const result = step(compiled, snapshot, { type: 'crash' }, { subject, now });
		expect(result).toMatchObject({ ok: false, code: 'evaluation_failed' });
	});
});

describe('resolveAssignee', () => {
	it('resolves people and roles, falling back to hr', () => {
		const withChain = { ...subject, manager: { id: 'm1', managerId: 'd1' } };
		expect(resolveAssignee('subject', subject)).toEqual({ kind: 'person', id: 'e1' });
		expect(resolveAssignee('subject.manager.manager', withChain)).toEqual({
			kind: 'person',
			id: 'd1'
		});
		expect(resolveAssignee('role:hr', subject)).toEqual({ kind: 'role', role: 'hr' });
		expect(resolveAssignee('subject.manager.manager', subject)).toEqual({
			kind: 'role',
			role: 'hr'
		});
	});
});
