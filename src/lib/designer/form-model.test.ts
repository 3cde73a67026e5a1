import { describe, expect, it } from 'vitest';
import annual from '../../../workflows/annual-performance-cycle.workflow.json';
import { formFields, moveField, withFields } from './form-model';

const evaluation = annual.forms.evaluation;

describe('form model', () => {
	it('reads fields and writes the same form back', () => {
		const fields = formFields(evaluation);
		expect(fields.map((f) => [f.name, f.type, f.isRequired])).toEqual([
			['rating', 'integer', true],
			['comment', 'text', true]
		]);
		expect(withFields(evaluation, fields)).toEqual(evaluation);
	});

	it('reorders and removes fields', () => {
		const fields = moveField(formFields(evaluation), 1, -1);
		const form = withFields(evaluation, fields.slice(0, 1));
		expect(Object.keys(form.schema.properties as object)).toEqual(['comment']);
		expect(form.schema.required).toEqual(['comment']);
	});
});
