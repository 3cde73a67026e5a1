import { describe, expect, it } from 'vitest';
import core from '../../../plugins/core/index';
import { compileDefinition } from './compile';
import type { Definition } from './definition';
import { createRegistry } from './registry';
import { initialStep, step } from './step';

const registry = createRegistry([core]);
const subject = { id: 'e1', managerId: 'm1' };
const now = Date.UTC(2025, 0, 1);

const definition: Definition = {
	id: 'reenter-case',
	name: 'Re-entry case',
	context: { rounds: 0 },
	initial: 'draft',
	templates: { title: 'Draft' },
	states: {
		draft: {
			meta: { kind: 'task', params: { assignee: 'subject', title: 'title' } },
			on: {
				revise: {
					target: 'draft',
					reenter: true,
					actions: [{ type: 'core.setData', params: { set: { rounds: 'data.rounds + 1' } } }]
				},
				note: { target: 'draft' },
				comment: { actions: [{ type: 'core.setData', params: { set: { rounds: '0' } } }] },
				submit: 'done'
			}
		},
		done: { type: 'final', meta: { kind: 'final' } }
	}
};
const compiled = compileDefinition(definition, registry);
const env = { subject, now };

describe('step re-entering a task state', () => {
	it('closes and opens the task again for a self-transition with reenter: true', () => {
		const start = initialStep(compiled, env);
		expect(start.effects.map((e) => e.type)).toEqual(['openTask']);
		const result = step(compiled, start.snapshot, { type: 'revise' }, env);
		if (!result.ok) throw new Error('refused');
		expect(result.snapshot.context.rounds).toBe(1);
		expect(result.effects).toEqual([
			{ type: 'closeTask', taskKey: 'draft', reason: 'completed' },
			expect.objectContaining({
				type: 'openTask',
				taskKey: 'draft',
				assignee: { kind: 'person', id: 'e1' }
			})
		]);
	});

	it('keeps the task open for a self-transition without reenter and a targetless one', () => {
		const start = initialStep(compiled, env);
		for (const type of ['note', 'comment']) {
			const result = step(compiled, start.snapshot, { type }, env);
			if (!result.ok) throw new Error(`${type} refused`);
			expect(result.effects).toEqual([]);
		}
	});

	it('leaves the persisted snapshot free of the entry marker', () => {
		const start = initialStep(compiled, env);
		expect(JSON.stringify(start.snapshot)).not.toContain('taskEntered');
	});
});
