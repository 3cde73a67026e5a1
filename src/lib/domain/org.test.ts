import { describe, expect, it } from 'vitest';
import {
	allReports,
	buildReportingIndex,
	directReports,
	findParentCycles,
	isReportOf,
	managerChain,
	unitAncestry,
	unitSubtree,
	validateOrg,
	type Employee,
	type OrgUnit
} from './org';

const person = (id: string, managerId: string | null, unitId = 'sales'): Employee => ({
	id,
	name: { en: id },
	email: `${id}@example.com`,
	unitId,
	managerId,
	jobTitle: { en: 'x' },
	jobFamily: 'sales',
	country: 'CN',
	locale: 'zh-CN',
	timeZone: 'Asia/Shanghai',
	hireDate: '2024-01-01'
});

const units: OrgUnit[] = [
	{ id: 'co', kind: 'company', name: { en: 'Co' }, parentId: null },
	{ id: 'sales', kind: 'department', name: { en: 'Sales' }, parentId: 'co' },
	{ id: 'east', kind: 'team', name: { en: 'East' }, parentId: 'sales' }
];
const people = [
	person('ceo', null),
	person('director', 'ceo'),
	person('zhang', 'director'),
	person('wang', 'zhang', 'east'),
	person('zhao', 'zhang', 'east')
];

describe('reporting chains', () => {
	const index = buildReportingIndex(people);
	it('lists direct and transitive reports', () => {
		expect(directReports(index, 'zhang')).toEqual(['wang', 'zhao']);
		expect(allReports(index, 'director')).toEqual(['zhang', 'wang', 'zhao']);
		expect(allReports(index, 'wang')).toEqual([]);
	});
	it('walks the manager chain nearest first', () => {
		expect(managerChain(index, 'wang')).toEqual(['zhang', 'director', 'ceo']);
		expect(managerChain(index, 'ceo')).toEqual([]);
	});
	it('answers whether X reports to Y', () => {
		expect(isReportOf(index, 'wang', 'ceo')).toBe(true);
		expect(isReportOf(index, 'wang', 'ceo', { transitive: false })).toBe(false);
		expect(isReportOf(index, 'wang', 'zhang', { transitive: false })).toBe(true);
		expect(isReportOf(index, 'zhang', 'wang')).toBe(false);
		expect(isReportOf(index, 'zhang', 'zhang')).toBe(false);
	});
	it('does not loop on a manager cycle', () => {
		const cyclic = buildReportingIndex([
			{ id: 'a', managerId: 'b' },
			{ id: 'b', managerId: 'a' }
		]);
		expect(managerChain(cyclic, 'a')).toEqual(['b']);
		expect(allReports(cyclic, 'a')).toEqual(['b']);
	});
});

describe('cycle detection', () => {
	it('finds each cycle once, including self loops', () => {
		const cycles = findParentCycles(
			new Map<string, string | null>([
				['a', 'b'],
				['b', 'c'],
				['c', 'a'],
				['d', 'a'],
				['e', 'e'],
				['f', null]
			])
		);
		expect(cycles.map((c) => [...c].sort())).toEqual([['a', 'b', 'c'], ['e']]);
	});
});

describe('unit tree', () => {
	it('gives subtrees and ancestry', () => {
		expect([...unitSubtree(units, 'sales')].sort()).toEqual(['east', 'sales']);
		expect(unitAncestry(new Map(units.map((u) => [u.id, u])), 'east')).toEqual([
			'east',
			'sales',
			'co'
		]);
	});
});

describe('validateOrg', () => {
	it('accepts a sound org', () => {
		expect(validateOrg(units, people).ok).toBe(true);
	});
	it('reports unknown references, bad kinds and cycles with paths', () => {
		const result = validateOrg(
			[...units, { id: 'loose', kind: 'department', name: { en: 'L' }, parentId: 'east' }],
			[...people, person('x', 'y'), person('p', 'q'), person('q', 'p', 'nowhere')]
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const codes = result.issues.map((i) => `${i.code}@${i.path}`);
		expect(codes).toContain('org.bad_parent_kind@units.loose.parentId');
		expect(codes).toContain('org.unknown_manager@people.x.managerId');
		expect(codes).toContain('org.unknown_unit@people.q.unitId');
		expect(codes.some((c) => c.startsWith('org.manager_cycle@'))).toBe(true);
	});
});
