import { describe, expect, it } from 'vitest';
import core from '../../../plugins/core/index';
import type { Definition } from './definition';
import { lintDefinition } from './lint';
import { createRegistry } from './registry';

const registry = createRegistry([core]);

function base(): Definition {
	return {
		id: 'lint-case',
		name: { en: 'Lint case', 'zh-CN': '检查用例' },
		data: { type: 'object', properties: { score: { type: 'number' } } },
		context: { score: 0 },
		initial: 'work',
		forms: {
			answer: {
				schema: { type: 'object', required: ['x'], properties: { x: { type: 'number' } } }
			}
		},
		templates: { title: { en: 'Hello {{subject.name}}', 'zh-CN': '你好 {{subject.name}}' } },
		states: {
			work: {
				meta: {
					kind: 'task',
					params: { assignee: 'subject', form: 'answer', title: 'title', due: 'P1D' }
				},
				on: {
					submit: {
						target: 'done',
						guard: { type: 'core.expr', params: { expr: 'data.score >= 0' } },
						actions: [{ type: 'core.setData', params: { set: { score: 'event.data.x' } } }]
					}
				},
				after: { P7D: 'done' }
			},
			done: { type: 'final', meta: { kind: 'final' } }
		}
	};
}

type Mutation = (d: Definition) => void;
const work = (d: Definition) => d.states.work as NonNullable<Definition['states'][string]>;
const params = (d: Definition) => work(d).meta?.params as Record<string, unknown>;
const submit = (d: Definition) =>
	(
		work(d).on as Record<
			string,
			{
				target: string;
				guard: { type: string; params: { expr: string } };
				actions: { type: string; params: unknown }[];
			}
		>
	).submit!;

const cases: [code: string, path: string, mutate: Mutation][] = [
	['unknown_target', 'work.on.submit', (d) => void (submit(d).target = 'dnoe')],
	[
		'unreachable_state',
		'orphan',
		(d) => void (d.states.orphan = { meta: { kind: 'wait' }, on: { go: 'done' } })
	],
	[
		'no_path_to_final',
		'work',
		(d) => {
			submit(d).target = 'loop';
			work(d).after = { P7D: 'loop' };
			d.states.loop = { meta: { kind: 'wait' }, on: { back: 'work' } };
			d.states.never = { type: 'final', meta: { kind: 'final' }, on: {} };
		}
	],
	[
		'unknown_action',
		'work.on.submit.actions.0',
		(d) => void (submit(d).actions[0]!.type = 'core.setDta')
	],
	['unknown_guard', 'work.on.submit.guard', (d) => void (submit(d).guard.type = 'core.exp')],
	['unknown_delay', 'work.after.weekly', (d) => void (work(d).after = { weekly: 'done' })],
	['unknown_kind', 'work.meta.kind', (d) => void (work(d).meta!.kind = 'tsak')],
	[
		'bad_expression',
		'work.on.submit.guard.expr',
		(d) => void (submit(d).guard.params.expr = 'data.score >=')
	],
	[
		'bad_expression',
		'work.on.submit.guard.expr',
		(d) => void (submit(d).guard.params.expr = 'data.scor > 1')
	],
	['missing_assignee', 'work.meta.params.assignee', (d) => void delete params(d).assignee],
	['bad_assignee', 'work.meta.params.assignee', (d) => void (params(d).assignee = 'subject.boss')],
	['unknown_form', 'work.meta.params.form', (d) => void (params(d).form = 'answr')],
	['unknown_template', 'work.meta.params.title', (d) => void (params(d).title = 'titel')],
	[
		'bad_form_schema',
		'forms.answer.schema',
		(d) => void (d.forms!.answer!.schema = { type: 'objekt' })
	],
	['bad_duration', 'work.meta.params.due', (d) => void (params(d).due = '7 days')],
	[
		'duplicate_id',
		'done.id',
		(d) => {
			work(d).id = 'same';
			d.states.done!.id = 'same';
		}
	],
	[
		'bad_params',
		'work.on.submit.actions.0',
		(d) => void (submit(d).actions[0]!.params = { values: {} })
	],
	[
		'bad_template',
		'templates.title.en',
		(d) => void (d.templates!.title = { en: 'Hello {{#if x}}', 'zh-CN': '你好' })
	],
	[
		'unknown_required_field',
		'forms.answer.schema.required.0',
		(d) => void (d.forms!.answer!.schema.required = ['y'])
	],
	['unknown_action', 'entry.0', (d) => void (d.entry = [{ type: 'core.nope' }])],
	[
		'unknown_guard',
		'on.stop.guard',
		(d) => void (d.on = { stop: { target: '.done', guard: { type: 'core.nope' } } })
	],
	['unknown_target', 'on.stop', (d) => void (d.on = { stop: '.dnoe' })],
	['unknown_target', 'on.stop', (d) => void (d.on = { stop: 'done' })],
	['unknown_action', 'exit.0', (d) => void (d.exit = 'core.nope')],
	['kind_type_mismatch', 'done', (d) => void (d.states.done = { meta: { kind: 'final' }, on: {} })]
];

describe('lintDefinition', () => {
	it('finds nothing wrong with a sound definition', () => {
		expect(lintDefinition(base(), registry)).toEqual([]);
	});

	it.each(cases)('reports %s at %s', (code, path, mutate) => {
		const definition = structuredClone(base());
		mutate(definition);
		const issues = lintDefinition(definition, registry);
		expect(issues).toContainEqual(expect.objectContaining({ code, path, severity: 'error' }));
		expect(lintDefinition(base(), registry).filter((i) => i.code === code)).toEqual([]);
	});

	it('hints at the closest name', () => {
		const definition = structuredClone(base());
		submit(definition).target = 'dnoe';
		const [issue] = lintDefinition(definition, registry);
		expect(issue?.hint).toBe('Did you mean done?');
	});

	it('warns about a state without a node kind', () => {
		const definition = structuredClone(base());
		delete work(definition).meta;
		const issues = lintDefinition(definition, registry);
		expect(issues).toContainEqual(
			expect.objectContaining({ code: 'missing_kind', severity: 'warning' })
		);
	});
});

describe('lintDefinition at the root', () => {
	it('accepts root transitions to a child and counts them for reachability', () => {
		const definition = structuredClone(base());
		definition.states.cancelled = { type: 'final', meta: { kind: 'final' } };
		definition.on = {
			cancel: {
				target: '.cancelled',
				actions: [{ type: 'core.setData', params: { set: { score: '0' } } }]
			}
		};
		definition.entry = [{ type: 'core.setData', params: { set: { score: '1' } } }];
		expect(lintDefinition(definition, registry)).toEqual([]);
		delete definition.on;
		expect(lintDefinition(definition, registry)).toContainEqual(
			expect.objectContaining({ code: 'unreachable_state', path: 'cancelled' })
		);
	});

	it('hints at the dot for a bare root target', () => {
		const definition = structuredClone(base());
		definition.on = { stop: 'done' };
		const issue = lintDefinition(definition, registry).find((i) => i.path === 'on.stop');
		expect(issue?.hint).toContain('".done"');
	});
});
