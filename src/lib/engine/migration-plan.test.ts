import annualJson from '../../../workflows/annual-performance-cycle.workflow.json';
import profitJson from '../../../workflows/annual-performance-cycle-profit.workflow.json';
import { describe, expect, it } from 'vitest';
import { parseDefinition, type Definition } from './definition';
import {
	afterTimerKey,
	dryRunMigration,
	parseAfterTimerKey,
	planMigration,
	stateValueOf
} from './migration-plan';

function load(json: unknown): Definition {
	const parsed = parseDefinition(json);
	if (!parsed.ok) throw new Error('a shipped workflow does not parse');
	return parsed.value;
}

const v1 = load(annualJson);
// Version 2 of the same definition: the profit re-model under the same id.
const v2 = { ...load(profitJson), id: v1.id };
const now = Date.UTC(2025, 5, 1);

describe('planMigration', () => {
	it('maps every state whose path still exists to itself', () => {
		const plan = planMigration(v1, v2);
		expect(plan.mapping.selfReview).toBe('selfReview');
		expect(plan.mapping['tracking.metrics.watching']).toBe('tracking.metrics.watching');
		expect(plan.unresolved).toEqual([]);
	});

	it('leaves removed states unresolved until the designer maps them', () => {
		const removed = structuredClone(v2);
		delete removed.states.calibration;
		const plan = planMigration(v1, removed);
		expect(plan.unresolved).toEqual(['calibration']);
		expect(planMigration(v1, removed, { calibration: 'hrApproval' }).unresolved).toEqual([]);
	});
});

describe('dryRunMigration', () => {
	const tracking = { tracking: { metrics: 'watching', feedback: 'between' } };
	const weekly = afterTimerKey(v1.id, 'P7D', 'tracking.metrics.watching');
	const instances = [
		{ id: 'a', status: 'running', value: 'selfReview' },
		{
			id: 'b',
			status: 'running',
			value: tracking,
			timers: [
				{ timerKey: weekly, dueAt: now + 3 * 86_400_000 },
				{ timerKey: afterTimerKey(v1.id, 'P270D', 'tracking'), dueAt: now + 100 * 86_400_000 }
			]
		},
		{ id: 'c', status: 'done', value: 'done' },
		{ id: 'd', status: 'running', value: 'calibration' }
	];

	it('says which instances can move, with their new state, and why the others cannot', () => {
		const removed = structuredClone(v2);
		delete removed.states.calibration;
		const checks = dryRunMigration(v1, removed, planMigration(v1, removed), instances, { now });
		expect(checks.map((c) => [c.id, c.canMove])).toEqual([
			['a', true],
			['b', true],
			['c', false],
			['d', false]
		]);
		const d = checks[3];
		expect(d?.canMove === false && d.reason).toBe('unmapped_state');
		expect(checks[2]?.canMove === false && checks[2].reason).toBe('not_running');
	});

	it('keeps the remaining time of a mapped state’s timer and re-keys its task', () => {
		const [a, b] = dryRunMigration(v1, v2, planMigration(v1, v2), instances, { now });
		if (!a?.canMove || !b?.canMove) throw new Error('expected moves');
		expect(a.value).toBe('selfReview');
		expect(a.tasks).toEqual([{ action: 'rekey', from: 'selfReview', to: 'selfReview' }]);
		expect(b.value).toEqual(tracking);
		const kept = b.timers.find((t) => t.action === 'keep' && t.timerKey === weekly);
		expect(kept?.action === 'keep' && kept.dueAt).toBe(now + 3 * 86_400_000);
		expect(b.timers.filter((t) => t.action === 'start').map((t) => t.timerKey)).toEqual([
			afterTimerKey(v1.id, 'P90D', 'tracking.feedback.between')
		]);
	});

	it('starts the timers of a state entered through a mapping anew', () => {
		const plan = planMigration(v1, v2, { selfReview: 'tracking' });
		const [a] = dryRunMigration(v1, v2, plan, instances, { now });
		if (!a?.canMove) throw new Error('expected a move');
		expect(a.to).toEqual(['tracking.metrics.watching', 'tracking.feedback.between']);
		expect(a.tasks).toEqual([{ action: 'cancel', taskKey: 'selfReview' }]);
		const started = a.timers.filter((t) => t.action === 'start');
		expect(started.map((t) => t.action === 'start' && t.dueAt - now)).toEqual([
			270 * 86_400_000,
			7 * 86_400_000,
			90 * 86_400_000
		]);
	});

	it('closes a task and opens the new one when the mapped task asks for other work', () => {
		const other = structuredClone(v2);
		const meta = other.states.selfReview?.meta as { params: Record<string, unknown> };
		meta.params = { ...meta.params, title: 'managerEvaluationTitle' };
		const [a] = dryRunMigration(v1, other, planMigration(v1, other), instances, { now });
		if (!a?.canMove) throw new Error('expected a move');
		expect(a.tasks).toEqual([
			{ action: 'cancel', taskKey: 'selfReview' },
			{ action: 'open', statePath: 'selfReview' }
		]);
	});

	it('refuses two states of one region at once', () => {
		const plan = planMigration(v1, v2, {
			'tracking.feedback.between': 'tracking.feedback.checkIn'
		});
		const checks = dryRunMigration(
			v1,
			v2,
			{
				...plan,
				mapping: { ...plan.mapping, 'tracking.metrics.watching': 'tracking.feedback.between' }
			},
			[{ id: 'x', status: 'running', value: tracking }],
			{ now }
		);
		expect(checks[0]?.canMove === false && checks[0].reason).toBe('conflicting_targets');
	});
});

describe('helpers', () => {
	it('builds state values and parses timer keys', () => {
		expect(stateValueOf(['goalSetting'])).toBe('goalSetting');
		expect(stateValueOf(['t.a.x', 't.b.y'])).toEqual({ t: { a: 'x', b: 'y' } });
		expect(parseAfterTimerKey(afterTimerKey('m-1', 'P7D', 'a.b'), 'm-1')).toEqual({
			delay: 'P7D',
			path: 'a.b'
		});
	});
});
