import { describe, expect, it } from 'vitest';
import {
	archiveGoal,
	changeGoalStatus,
	recordProgress,
	relinkGoal,
	reparentGoal,
	retargetGoal,
	reweightGoal
} from './goal-changes';
import {
	buildGoalIndex,
	goalAncestors,
	goalDescendants,
	supportersOf,
	validateGoalTree,
	type Goal
} from './goals';

function goal(id: string, parentId: string | null, extra: Partial<Goal> = {}): Goal {
	return {
		id,
		kind: 'objective',
		title: { en: id },
		owner: { kind: 'unit', id: 'co' },
		parentId,
		startDate: '2026-01-01',
		dueDate: '2026-12-31',
		weight: 1,
		status: 'active',
		supports: [],
		...extra
	};
}

const tree = [
	goal('company', null),
	goal('product', 'company'),
	goal('marketing', 'company', { supports: ['product'] }),
	goal('features', 'product'),
	goal('kr-reg', 'marketing', {
		kind: 'key_result',
		metric: {
			metricKey: 'new_registrations',
			baseline: 0,
			target: 100_000,
			window: { kind: 'calendar', period: 'month' }
		}
	})
];
const who = { who: 'hr-1', at: '2026-06-01T08:00:00Z', why: 'strategy change' };

describe('goal tree', () => {
	const index = buildGoalIndex(tree);
	it('navigates ancestors, descendants and supporters', () => {
		expect(goalAncestors(index, 'features')).toEqual(['product', 'company']);
		expect([...goalDescendants(index, 'company')].sort()).toEqual([
			'features',
			'kr-reg',
			'marketing',
			'product'
		]);
		expect(supportersOf(tree, 'product').map((g) => g.id)).toEqual(['marketing']);
	});
	it('validates a sound tree', () => {
		expect(validateGoalTree(tree).ok).toBe(true);
	});
	it('reports cycles, bad dates and key results with children', () => {
		const result = validateGoalTree([
			goal('a', 'b'),
			goal('b', 'a'),
			goal('c', null, { dueDate: '2025-01-01' }),
			goal('kr', 'c', { kind: 'key_result' }),
			goal('under-kr', 'kr'),
			goal('d', null, { supports: ['ghost'] })
		]);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const codes = result.issues.map((i) => i.code);
		expect(codes).toEqual(
			expect.arrayContaining([
				'goal.cycle',
				'goal.due_before_start',
				'goal.parent_is_key_result',
				'goal.unknown_supported'
			])
		);
		expect(codes.filter((c) => c === 'goal.cycle')).toHaveLength(1);
	});
});

describe('goal changes', () => {
	const index = buildGoalIndex(tree);
	it('refuses to move a goal under its own descendant', () => {
		const result = reparentGoal(index, 'product', 'features', who);
		expect(result).toMatchObject({
			ok: false,
			issues: [{ code: 'goal.parent_is_descendant', path: 'goals.product.parentId' }]
		});
		expect(reparentGoal(tree, 'product', 'product', who)).toMatchObject({
			ok: false,
			issues: [{ code: 'goal.parent_is_self' }]
		});
		expect(reparentGoal(tree, 'product', 'kr-reg', who)).toMatchObject({
			ok: false,
			issues: [{ code: 'goal.parent_is_key_result' }]
		});
	});
	it('re-parents with a change record', () => {
		const result = reparentGoal(index, 'features', 'marketing', who);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.goal.parentId).toBe('marketing');
		expect(result.value.change).toEqual({
			...who,
			goalId: 'features',
			kind: 'reparent',
			before: { parentId: 'product' },
			after: { parentId: 'marketing' }
		});
	});
	it('re-targets a key result and refuses a target on a plain objective', () => {
		const kr = index.byId.get('kr-reg') as Goal;
		const result = retargetGoal(kr, { target: 120_000, dueDate: '2026-11-30' }, who);
		expect(result.ok && result.value.goal.metric?.target).toBe(120_000);
		expect(result.ok && result.value.change.before).toMatchObject({ dueDate: '2026-12-31' });
		expect(retargetGoal(tree[0] as Goal, { target: 1 }, who)).toMatchObject({
			ok: false,
			issues: [{ code: 'goal.no_metric' }]
		});
		expect(retargetGoal(kr, { dueDate: '2025-01-01' }, who)).toMatchObject({
			ok: false,
			issues: [{ code: 'goal.due_before_start' }]
		});
	});
	it('records progress of a key result measured by hand, and only of one', () => {
		const course = goal('kr-course', 'features', {
			kind: 'key_result',
			manual: { baseline: 0, target: 1, current: null }
		});
		const recorded = recordProgress(course, 1, who);
		expect(recorded).toMatchObject({
			ok: true,
			value: {
				goal: { manual: { current: 1 } },
				change: {
					kind: 'progress',
					before: { manual: { current: null } },
					after: { manual: { current: 1 } }
				}
			}
		});
		expect(recordProgress(index.byId.get('kr-reg') as Goal, 5, who)).toMatchObject({
			ok: false,
			issues: [{ code: 'goal.measured_by_metric', path: 'goals.kr-reg.value' }]
		});
		expect(recordProgress(tree[0] as Goal, 5, who)).toMatchObject({
			ok: false,
			issues: [{ code: 'goal.not_manual' }]
		});
		expect(recordProgress(course, Number.NaN, who)).toMatchObject({
			ok: false,
			issues: [{ code: 'goal.value_not_number' }]
		});
		const retargeted = retargetGoal(course, { target: 2 }, who);
		expect(retargeted.ok && retargeted.value.goal.manual?.target).toBe(2);
		expect(validateGoalTree([...tree, { ...course, kind: 'objective' }]).ok).toBe(false);
	});
	it('re-weights, archives and refuses changes to an archived goal', () => {
		const reweighted = reweightGoal(tree[1] as Goal, 3, who);
		expect(reweighted.ok && reweighted.value.change.after).toEqual({ weight: 3 });
		expect(reweightGoal(tree[1] as Goal, -1, who).ok).toBe(false);
		const archived = archiveGoal(tree[0] as Goal, who);
		expect(archived.ok && archived.value.goal.status).toBe('archived');
		if (!archived.ok) return;
		expect(reweightGoal(archived.value.goal, 2, who)).toMatchObject({
			ok: false,
			issues: [{ code: 'goal.archived' }]
		});
	});
	it('relinks supports, refusing unknown goals', () => {
		expect(relinkGoal(index, 'features', ['kr-reg', 'kr-reg'], who)).toMatchObject({
			ok: true,
			value: { goal: { supports: ['kr-reg'] } }
		});
		expect(relinkGoal(index, 'features', ['nope'], who)).toMatchObject({
			ok: false,
			issues: [{ path: 'goals.features.supports.0' }]
		});
	});
});

describe('status changes', () => {
	it('follows the approval flow and refuses other moves', () => {
		const draft = goal('personal', 'company', { status: 'draft' });
		const submitted = changeGoalStatus(draft, 'awaiting_approval', who);
		expect(submitted.ok && submitted.value.change).toMatchObject({
			kind: 'status',
			before: { status: 'draft' },
			after: { status: 'awaiting_approval' }
		});
		if (!submitted.ok) return;
		expect(changeGoalStatus(submitted.value.goal, 'draft', who).ok).toBe(true); // returned with comments
		expect(changeGoalStatus(submitted.value.goal, 'done', who)).toMatchObject({
			ok: false,
			issues: [{ code: 'goal.bad_status_transition' }]
		});
	});
});
