import { describe, expect, it } from 'vitest';
import annual from '../../../workflows/annual-performance-cycle.workflow.json';
import { parseDefinition } from '../engine/definition';
import {
	addState,
	addTransition,
	arrowDelta,
	copyStates,
	nudgeStates,
	pasteStates,
	removeStates,
	setLabel,
	setTemplate,
	updateTransition
} from './edits';
import { paletteKinds } from './kinds';
import { checkDefinition } from './lint-check';
import { placeIssue } from './problems';
import { browserRegistry } from './registry';

const parsed = parseDefinition(annual);
if (!parsed.ok) throw new Error('fixture');
const definition = parsed.value;
const registry = browserRegistry();
const task = paletteKinds(registry).find((k) => k.kind === 'task');
if (!task) throw new Error('core plugin has no task kind');

describe('edits', () => {
	it('inserts a task between two states and lints clean', () => {
		const added = addState(definition, {
			kind: task,
			key: 'profitReview',
			position: { x: 0, y: 0 }
		});
		let next = updateTransition(
			added.definition,
			{ from: 'selfReview', slot: 'on', key: 'submit', index: 0 },
			{ target: 'profitReview' }
		);
		next = addTransition(next, 'profitReview', 'managerEvaluation', 'submit');
		expect(next.states.selfReview?.on?.submit).toMatchObject({ target: 'profitReview' });
		expect(next.states.profitReview?.on?.submit).toBe('managerEvaluation');
		expect(next.forms?.profitReview).toBeDefined();
		expect(checkDefinition(next, registry).filter((p) => p.severity === 'error')).toEqual([]);
		// The original is untouched (history keeps whole values).
		expect(definition.states.profitReview).toBeUndefined();
	});

	it('changes a guard and renames an event, keeping the item', () => {
		const ref = { from: 'managerApproval', slot: 'on' as const, key: 'return', index: 0 };
		const guarded = updateTransition(definition, ref, { guardExpr: 'data.lagWarnings > 2' });
		expect(guarded.states.managerApproval?.on?.return).toMatchObject({
			guard: { type: 'core.expr', params: { expr: 'data.lagWarnings > 2' } }
		});
		const renamed = updateTransition(guarded, ref, { event: 'sendBack' });
		expect(Object.keys(renamed.states.managerApproval?.on ?? {})).toEqual(['approve', 'sendBack']);
	});

	it('deletes a state with the transitions into it, and reports the dead end', () => {
		const next = removeStates(definition, ['calibration']);
		expect(next.states.calibration).toBeUndefined();
		expect(next.states.managerEvaluation?.on).toBeUndefined();
		const problems = checkDefinition(next, registry);
		expect(problems.some((p) => p.nodeId === 'managerEvaluation')).toBe(true);
	});

	it('copies and pastes states with fresh keys', () => {
		const clip = copyStates(definition, ['selfReview', 'managerEvaluation']);
		const pasted = pasteStates(definition, clip, '');
		expect(pasted.paths).toEqual(['selfReview2', 'managerEvaluation2']);
		expect(pasted.definition.states.selfReview2?.on?.submit).toMatchObject({
			target: 'managerEvaluation2'
		});
	});

	it('places issues on their node and edge', () => {
		const paths = ['tracking.metrics.watching', 'tracking.metrics', 'tracking'];
		expect(
			placeIssue('tracking.metrics.watching.after.P7D.0.guard.params.expr', paths, definition)
		).toEqual({
			nodeId: 'tracking.metrics.watching',
			edgeId: 'tracking.metrics.watching::after.P7D.0'
		});
	});
});

describe('keyboard moves', () => {
	it('maps arrow keys to small and large steps', () => {
		expect(arrowDelta('ArrowLeft', false)).toEqual({ x: -10, y: 0 });
		expect(arrowDelta('ArrowDown', true)).toEqual({ x: 0, y: 50 });
		expect(arrowDelta('a', false)).toBeUndefined();
	});

	it('moves the selected states, not a child of a moved container twice', () => {
		const positions = new Map([
			['tracking', { x: 100, y: 200 }],
			['tracking.metrics', { x: 10, y: 20 }],
			['selfReview', { x: 0, y: 0 }]
		]);
		const next = nudgeStates(
			definition,
			positions,
			['tracking', 'tracking.metrics', 'selfReview'],
			{ x: 10, y: -50 }
		);
		expect(next.layout?.tracking).toMatchObject({ x: 110, y: 150 });
		expect(next.layout?.['tracking.metrics']).toEqual(definition.layout?.['tracking.metrics']);
		expect(next.layout?.selfReview).toMatchObject({ x: 10, y: -50 });
		expect(nudgeStates(definition, positions, [], { x: 10, y: 0 })).toBe(definition);
	});
});

describe('localized texts', () => {
	it('edits one locale of a template given per locale and keeps the others', () => {
		const next = setTemplate(
			{ ...definition, templates: { t: { en: 'Hello', 'zh-CN': '你好' } } },
			't',
			'Hi',
			'en'
		);
		expect(next.templates?.t).toEqual({ en: 'Hi', 'zh-CN': '你好' });
		expect(setTemplate(definition, 'plain', 'Text', 'zh-CN').templates?.plain).toBe('Text');
	});

	it('sets a plain label, and one locale of a localized one', () => {
		const bare = setLabel(definition, 'selfReview', '');
		expect(bare.states.selfReview?.meta?.label).toBeUndefined();
		const plain = setLabel(bare, 'selfReview', 'Self review', 'en');
		expect(plain.states.selfReview?.meta?.label).toBe('Self review');
		const both = { ...bare };
		both.states = {
			...bare.states,
			selfReview: {
				...bare.states.selfReview,
				meta: { kind: 'task', label: { en: 'Self review', 'zh-CN': '自评' } }
			}
		};
		expect(
			setLabel(both, 'selfReview', '自我评估', 'zh-CN').states.selfReview?.meta?.label
		).toEqual({ en: 'Self review', 'zh-CN': '自我评估' });
	});
});
