import { describe, expect, it } from 'vitest';
import { cascade, goal } from './fixtures';
import { boardColumns, buildTree, flattenTree, subtreeIds, supportLinks } from './tree';

describe('buildTree / flattenTree', () => {
	it('nests the cascade and gives depths', () => {
		const roots = buildTree(cascade);
		expect(roots.map((r) => r.goal.id)).toEqual(['revenue', 'growth']);
		const rows = flattenTree(roots).map((n) => `${n.goal.id}:${n.depth}`);
		expect(rows).toEqual([
			'revenue:0',
			'sales:1',
			'zhang:2',
			'zhang-10m:3',
			'growth:0',
			'marketing:1',
			'registrations:2'
		]);
	});
	it('makes a goal whose parent is not visible a root', () => {
		expect(buildTree([goal('orphan', 'hidden')]).map((r) => r.goal.id)).toEqual(['orphan']);
	});
});

describe('boardColumns', () => {
	it('puts company objectives first and key results on their objective', () => {
		const columns = boardColumns(cascade);
		expect(columns.map((c) => c.id)).toEqual(['company', 'sales', 'marketing']);
		const marketing = columns.find((c) => c.id === 'marketing');
		expect(marketing?.name).toBe('MARKETING');
		expect(marketing?.cards[0]?.keyResults.map((k) => k.id)).toEqual(['registrations']);
		expect(columns[1]?.cards.map((c) => c.objective.id)).toEqual(['sales', 'zhang']);
	});
});

describe('supportLinks / subtreeIds', () => {
	it('finds links both ways', () => {
		expect(supportLinks(cascade, 'registrations').supports.map((g) => g.id)).toEqual(['sales']);
		expect(supportLinks(cascade, 'sales').supportedBy.map((g) => g.id)).toEqual(['registrations']);
	});
	it('lists a goal and its descendants', () => {
		expect([...subtreeIds(cascade, 'sales')].sort()).toEqual(['sales', 'zhang', 'zhang-10m']);
	});
});
