import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/lib/engine/registry';
import outcomes from '../outcomes/index';
import core from './index';

const env = {
	data: { target: 10 },
	event: { type: 'submit', data: { x: 2 } },
	subject: { id: 'e1', name: 'Ann', managerId: 'm1' },
	now: Date.UTC(2025, 0, 16),
	evaluate: (source: string) => (source === 'event.data.x' ? 2 : source === 'ok' ? true : 0)
};

describe('core plugin', () => {
	it('registers qualified actions and bare node kinds', () => {
		const registry = createRegistry([core, outcomes]);
		expect([...registry.nodeKinds.keys()]).toContain('approval');
		expect([...registry.actions.keys()]).toEqual(
			expect.arrayContaining(['core.setData', 'core.notify', 'outcomes.apply'])
		);
		expect(() => createRegistry([core, core])).toThrow('Duplicate plugin id');
	});

	it('sets data from expressions and notifies the resolved recipient', () => {
		expect(core.actions.setData.apply(env.data, { set: { x: 'event.data.x' } }, env)).toEqual({
			x: 2
		});
		expect(
			core.actions.notify.effects({ template: 'lag', to: 'subject.manager' }, env)
		).toMatchObject([{ type: 'notify', template: 'lag', to: { kind: 'person', id: 'm1' } }]);
		expect(core.guards.expr.check({ expr: 'ok' }, env)).toBe(true);
	});

	it('computes the linear pace of a period', () => {
		const pace = core.functions.periodElapsed.call(
			['2025-01-01T00:00:00Z', '2025-01-31T00:00:00Z'],
			{ now: env.now }
		);
		expect(pace).toBeCloseTo(0.5);
	});
});
