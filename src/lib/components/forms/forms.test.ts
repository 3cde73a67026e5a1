import { describe, expect, it } from 'vitest';
import { coerceForm } from './coerce';
import { validateValue } from './validate';
import { orderedProperties, widgetOf, type JsonSchema } from './schema';
import { validateForm } from '../../server/forms/validate';

const goals: JsonSchema = {
	type: 'object',
	required: ['goals'],
	properties: {
		goals: {
			type: 'array',
			minItems: 1,
			items: {
				type: 'object',
				required: ['title', 'weight'],
				properties: {
					title: { type: 'string', minLength: 3 },
					weight: { type: 'number', minimum: 0, maximum: 100 },
					keyResults: {
						type: 'array',
						items: { type: 'object', properties: { target: { type: 'number' } } }
					}
				}
			}
		},
		tags: { type: 'array', items: { enum: ['a', 'b'] } },
		isOnTrack: { type: 'boolean' }
	}
};

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
}

describe('task forms', () => {
	it('coerces posted fields by path into the schema value', () => {
		const value = coerceForm(
			goals,
			form([
				['goals.1.title', 'Second'],
				['goals.0.title', 'First'],
				['goals.0.weight', '1,000'],
				['goals.0.keyResults.0.target', '10'],
				['goals.1.weight', 'lots'],
				['tags', 'a'],
				['tags', 'b'],
				['isOnTrack.$present', '1']
			])
		);
		expect(value).toEqual({
			goals: [
				{ title: 'First', weight: 1000, keyResults: [{ target: 10 }] },
				{ title: 'Second', weight: 'lots' }
			],
			tags: ['a', 'b'],
			isOnTrack: false
		});
	});

	it('agrees with ajv on the paths of the errors', () => {
		const value = { goals: [{ title: 'ab', weight: 'lots' }, { weight: 120 }] };
		const browser = validateValue(goals, value).map((i) => `${i.path}:${i.code}`);
		const server = validateForm(goals, value);
		expect(server.ok).toBe(false);
		if (server.ok) return;
		expect(browser.sort()).toEqual(server.issues.map((i) => `${i.path}:${i.code}`).sort());
	});

	it('orders fields by ui:order, else required first, and picks widgets', () => {
		const schema: JsonSchema = {
			type: 'object',
			required: ['summary'],
			properties: {
				growth: { type: 'string' },
				rating: { type: 'integer', minimum: 1, maximum: 5 },
				summary: { type: 'string' }
			}
		};
		expect(orderedProperties(schema).map(([k]) => k)).toEqual(['summary', 'growth', 'rating']);
		expect(orderedProperties(schema, { 'ui:order': ['rating'] }).map(([k]) => k)).toEqual([
			'rating',
			'summary',
			'growth'
		]);
		expect(widgetOf({ type: 'integer', minimum: 1, maximum: 5 })).toBe('rating');
		expect(widgetOf({ type: 'string', format: 'date' })).toBe('date');
		expect(widgetOf({ type: 'number' }, { 'ui:widget': 'money' })).toBe('money');
		expect(widgetOf({ type: 'array', items: { enum: ['a'] } })).toBe('checkboxes');
		expect(widgetOf({ type: 'string', enum: ['a', 'b'] })).toBe('radio');
	});
});
