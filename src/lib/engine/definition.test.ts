import { describe, expect, it } from 'vitest';
import { formatPath, parseDefinition } from './definition';

describe('parseDefinition', () => {
	it('accepts a minimal definition', () => {
		const result = parseDefinition({
			id: 'a-b',
			name: { en: 'A', 'zh-CN': '甲' },
			states: { x: { type: 'final' } }
		});
		expect(result.ok).toBe(true);
	});

	it('reports issues with shortened state paths', () => {
		const result = parseDefinition({
			id: 'Bad Id',
			name: 'A',
			states: { tracking: { states: { watching: { tragets: 'x' } } } }
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues.map((i) => i.path).sort()).toEqual(['id', 'tracking.watching']);
		expect(result.issues.find((i) => i.path === 'tracking.watching')?.hint).toContain('tragets');
	});

	it('shortens only the states spine', () => {
		expect(formatPath(['states', 'a', 'states', 'b', 'on', 'states'])).toBe('a.b.on.states');
		expect(formatPath(['forms', 'goals', 'schema'])).toBe('forms.goals.schema');
	});
});
