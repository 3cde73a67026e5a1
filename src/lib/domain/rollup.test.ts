import { describe, expect, it } from 'vitest';
import { buildGoalIndex, type Goal } from './goals';
import { rollUpIncrementally, rollUpProgress } from './rollup';

function goal(id: string, parentId: string | null, weight = 1, extra: Partial<Goal> = {}): Goal {
	return {
		id,
		kind: extra.kind ?? 'objective',
		title: { en: id },
		owner: { kind: 'unit', id: 'co' },
		parentId,
		startDate: '2026-01-01',
		dueDate: '2026-12-31',
		weight,
		status: 'active',
		supports: [],
		...extra
	};
}
const kr = (id: string, parentId: string, weight = 1, extra: Partial<Goal> = {}) =>
	goal(id, parentId, weight, { kind: 'key_result', ...extra });

// company → (sales w3, product w1) → sales: kr-a w1, kr-b w1; product: kr-c w0, kr-d w0 (equal)
const goals = [
	goal('company', null),
	goal('sales', 'company', 3),
	goal('product', 'company', 1),
	kr('kr-a', 'sales'),
	kr('kr-b', 'sales'),
	kr('kr-c', 'product', 0),
	kr('kr-d', 'product', 0),
	kr('kr-old', 'sales', 5, { status: 'archived' })
];
const leaves = new Map([
	['kr-a', 100],
	['kr-b', 50],
	['kr-c', 20],
	['kr-d', 40],
	['kr-old', 0]
]);

describe('rollUpProgress', () => {
	const index = buildGoalIndex(goals);
	const all = rollUpProgress(index, leaves);
	it('weights children, normalising weights and excluding archived ones', () => {
		expect(all.get('sales')).toBe(75); // archived kr-old (weight 5, 0 %) does not count
		expect(all.get('product')).toBe(30); // zero total weight → equal weights
		expect(all.get('company')).toBeCloseTo(0.75 * 75 + 0.25 * 30);
	});
	it('gives a leaf objective without children its own value or 0', () => {
		const solo = buildGoalIndex([goal('x', null), goal('y', 'x')]);
		expect(rollUpProgress(solo, new Map([['y', 40]])).get('x')).toBe(40);
		expect(rollUpProgress(solo, new Map()).get('x')).toBe(0);
	});
});

describe('rollUpIncrementally', () => {
	const index = buildGoalIndex(goals);
	const all = rollUpProgress(index, leaves);
	it('recomputes only the ancestors of changed key results', () => {
		const delta = rollUpIncrementally(index, all, new Map([['kr-b', 100]]));
		expect([...delta.changed].sort()).toEqual(['company', 'kr-b', 'sales']);
		expect(delta.values.get('sales')).toBe(100);
		const full = rollUpProgress(index, new Map([...leaves, ['kr-b', 100]]));
		expect(delta.values.get('company')).toBeCloseTo(full.get('company') as number);
		expect(delta.values.has('product')).toBe(false);
	});
	it('reports nothing when values do not move, and ignores archived leaves', () => {
		expect(rollUpIncrementally(index, all, new Map([['kr-a', 100]])).changed.size).toBe(0);
		expect([...rollUpIncrementally(index, all, new Map([['kr-old', 90]])).changed]).toEqual([
			'kr-old'
		]);
	});
	it('matches a full roll-up when several leaves in different branches change', () => {
		const changes = new Map([
			['kr-a', 10],
			['kr-d', 100]
		]);
		const delta = rollUpIncrementally(index, all, changes);
		const full = rollUpProgress(index, new Map([...leaves, ...changes]));
		for (const id of delta.changed)
			expect(delta.values.get(id)).toBeCloseTo(full.get(id) as number);
		expect([...delta.changed].sort()).toEqual(['company', 'kr-a', 'kr-d', 'product', 'sales']);
	});
});
