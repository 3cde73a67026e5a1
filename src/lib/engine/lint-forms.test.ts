import { describe, expect, it } from 'vitest';
import type { Definition } from './definition';
import { lintForms } from './lint-forms';

function withForm(schema: Record<string, unknown>, ui?: Record<string, unknown>): Definition {
	return {
		id: 'forms-case',
		name: 'Forms case',
		states: { done: { type: 'final' } },
		forms: { f: { schema, ...(ui ? { ui } : {}) } }
	};
}

const goals = {
	type: 'object',
	required: ['goals'],
	properties: {
		goals: {
			type: 'array',
			items: {
				type: 'object',
				required: ['title'],
				properties: { title: { type: 'string' }, weight: { type: 'number' } }
			}
		}
	}
};

describe('lintForms', () => {
	it('accepts required fields and hints that name real fields', () => {
		const ui = {
			goals: { 'ui:widget': 'goalList', items: { 'ui:order': ['title', 'weight'], title: {} } }
		};
		expect(lintForms(withForm(goals, ui))).toEqual([]);
	});

	it('reports a required field that is not in properties, nested too', () => {
		const schema = structuredClone(goals);
		schema.required = ['gaols'];
		schema.properties.goals.items.required = ['name'];
		expect(lintForms(withForm(schema))).toEqual([
			expect.objectContaining({
				severity: 'error',
				code: 'unknown_required_field',
				path: 'forms.f.schema.required.0',
				hint: 'Did you mean goals?'
			}),
			expect.objectContaining({
				code: 'unknown_required_field',
				path: 'forms.f.schema.properties.goals.items.required.0'
			})
		]);
	});

	it('warns about unknown widgets and hints for missing fields', () => {
		const ui = {
			goals: { 'ui:widget': 'goal-list', items: { 'ui:order': ['titel'], wieght: {} } }
		};
		const issues = lintForms(withForm(goals, ui));
		expect(issues.map((i) => [i.severity, i.code, i.path])).toEqual([
			['warning', 'unknown_widget', 'forms.f.ui.goals.ui:widget'],
			['warning', 'unknown_ui_field', 'forms.f.ui.goals.items.ui:order.0'],
			['warning', 'unknown_ui_field', 'forms.f.ui.goals.items.wieght']
		]);
		expect(issues[0]?.hint).toBe('Did you mean goalList?');
	});
});
