import { describe, expect, it } from 'vitest';
import core from '../../../plugins/core/index';
import type { Definition } from './definition';
import { lintDefinition } from './lint';
import { createRegistry } from './registry';

const registry = createRegistry([core]);
const both = (en: string, zh: string) => ({ en, 'zh-CN': zh });

function translated(): Definition {
	return {
		id: 'i18n-case',
		name: both('Review', '评估'),
		description: both('A review', '一次评估'),
		initial: 'review',
		forms: {
			review: {
				schema: {
					type: 'object',
					title: 'Review',
					properties: {
						rating: { type: 'integer', title: 'Rating', enum: [1, 2] },
						goals: {
							type: 'array',
							items: { type: 'object', properties: { title: { type: 'string', title: 'Goal' } } }
						}
					}
				},
				ui: {
					'ui:title': both('Review', '评估'),
					rating: {
						'ui:title': both('Rating', '评级'),
						'ui:enumLabels': { '1': both('Low', '低'), '2': both('High', '高') }
					},
					goals: { items: { title: { 'ui:title': both('Goal', '目标') } } }
				}
			}
		},
		templates: { title: both('Review {{subject.name}}', '评估{{subject.name}}') },
		states: {
			review: {
				meta: {
					kind: 'approval',
					label: both('Manager review', '经理评估'),
					params: {
						assignee: 'subject.manager',
						form: 'review',
						title: 'title',
						outcomes: {
							approve: { label: both('Approve', '批准') },
							return: { label: both('Return', '退回修改'), requiresComment: true }
						}
					}
				},
				on: { approve: 'done', return: 'done' }
			},
			done: { type: 'final', meta: { kind: 'final', label: both('Done', '完成') } }
		}
	};
}

type Review = NonNullable<Definition['forms']>[string];
const review = (d: Definition) => d.forms?.review as Review;
const ui = (d: Definition) => review(d).ui as Record<string, Record<string, unknown>>;
const meta = (d: Definition) => d.states.review?.meta as { params: Record<string, unknown> };

const cases: [path: string, mutate: (d: Definition) => void][] = [
	['name', (d) => void (d.name = 'Review')],
	['done.meta.label', (d) => void (d.states.done!.meta!.label = { en: 'Done' })],
	[
		'review.meta.params.outcomes.return.label',
		(d) => void (meta(d).params.outcomes = { return: { label: { 'zh-CN': '退回' } } })
	],
	['forms.review.ui.ui:title', (d) => void delete ui(d)['ui:title']],
	['forms.review.ui.rating.ui:title', (d) => void (ui(d).rating!['ui:title'] = 'Rating')],
	['forms.review.ui.rating.ui:enumLabels.2', (d) => void delete ui(d).rating!['ui:enumLabels']],
	['forms.review.ui.goals.items.title.ui:title', (d) => void delete ui(d).goals],
	['templates.title', (d) => void (d.templates!.title = { en: 'Review {{subject.name}}' })]
];

describe('missing_translation', () => {
	it('is quiet when every text has en and zh-CN', () => {
		expect(lintDefinition(translated(), registry)).toEqual([]);
	});

	it.each(cases)('warns at %s', (path, mutate) => {
		const definition = structuredClone(translated());
		mutate(definition);
		const issues = lintDefinition(definition, registry);
		expect(issues).toContainEqual(
			expect.objectContaining({ code: 'missing_translation', path, severity: 'warning' })
		);
		expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
	});
});
