import { describe, expect, it } from 'vitest';
import { activePaths, humanise, outlineDefinition } from './definition-outline';

const content = {
	id: 'cycle',
	name: { en: 'Cycle', 'zh-CN': '周期' },
	initial: 'goalSetting',
	states: {
		goalSetting: {
			meta: { kind: 'task', params: { assignee: 'subject', form: 'goals', due: 'P14D' } },
			on: { submit: { target: 'tracking', actions: [] } }
		},
		tracking: {
			type: 'parallel',
			meta: { kind: 'parallel' },
			states: {
				metrics: {
					initial: 'watching',
					states: { watching: { after: { P7D: { target: 'watching', guard: 'core.expr' } } } }
				}
			},
			onDone: 'done'
		},
		done: { type: 'final', meta: { kind: 'final', label: { en: 'Finished', 'zh-CN': '完成' } } }
	},
	forms: {
		goals: {
			schema: {
				type: 'object',
				required: ['goals'],
				properties: {
					goals: { type: 'array', items: { type: 'object' } },
					note: { type: 'string', title: 'Note' }
				}
			}
		}
	},
	templates: { goalSettingTitle: { en: 'Set goals', 'zh-CN': '设定目标' } }
};

describe('outlineDefinition', () => {
	it('walks states with kinds, transitions and nesting', () => {
		const outline = outlineDefinition(content, 'zh-CN');
		expect(outline.name).toBe('周期');
		expect(outline.states.map((s) => s.key)).toEqual(['goalSetting', 'tracking', 'done']);
		const [goalSetting, tracking, done] = outline.states;
		expect(goalSetting?.isInitial).toBe(true);
		expect(goalSetting?.params).toMatchObject({ assignee: 'subject', form: 'goals', due: 'P14D' });
		expect(goalSetting?.transitions).toEqual([
			{ trigger: 'submit', via: 'on', targets: ['tracking'], guarded: false }
		]);
		expect(tracking?.type).toBe('parallel');
		expect(tracking?.children[0]?.children[0]).toMatchObject({
			path: 'tracking.metrics.watching',
			isInitial: true,
			transitions: [{ trigger: 'P7D', via: 'after', targets: ['watching'], guarded: true }]
		});
		expect(tracking?.transitions[0]).toMatchObject({ via: 'onDone', targets: ['done'] });
		expect(done?.label).toBe('完成');
		expect(done?.type).toBe('final');
	});

	it('lists form fields and templates', () => {
		const outline = outlineDefinition(content, 'en');
		expect(outline.forms[0]?.fields).toEqual([
			{ name: 'goals', label: 'Goals', type: 'array<object>', required: true },
			{ name: 'note', label: 'Note', type: 'string', required: false }
		]);
		expect(outline.templates).toEqual([{ key: 'goalSettingTitle', text: 'Set goals' }]);
	});

	it('tolerates malformed content', () => {
		expect(outlineDefinition(null, 'en')).toEqual({
			name: '',
			description: '',
			states: [],
			forms: [],
			templates: []
		});
	});
});

describe('flowOrder', () => {
	it('orders states along the flow whatever the stored key order', () => {
		const shuffled = {
			initial: 'a',
			states: {
				done: { type: 'final' },
				c: { on: { next: 'done' } },
				orphan: {},
				b: { on: { next: 'c' } },
				a: { on: { next: 'b' } }
			}
		};
		expect(outlineDefinition(shuffled, 'en').states.map((s) => s.key)).toEqual([
			'a',
			'b',
			'c',
			'orphan',
			'done'
		]);
	});
});

describe('helpers', () => {
	it('humanises keys', () => {
		expect(humanise('managerApproval')).toBe('Manager approval');
		expect(humanise('self-review')).toBe('Self review');
	});
	it('lists active leaf paths', () => {
		expect(activePaths('goalSetting')).toEqual(['goalSetting']);
		expect(activePaths({ tracking: { metrics: 'watching', feedback: 'open' } })).toEqual([
			'tracking.metrics.watching',
			'tracking.feedback.open'
		]);
	});
});
