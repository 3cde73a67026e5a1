import { describe, expect, it } from 'vitest';
import { validateGoalTree } from '../goals';
import { validateOrg } from '../org';
import { buildScaleCompany } from './scale';

describe('buildScaleCompany', () => {
	const today = '2026-12-04';
	it('builds a valid org with units of 8–20 and a valid goal cascade', () => {
		const org = buildScaleCompany({ employees: 2_000, seed: 42, today });
		expect(org.employees).toHaveLength(2_000);
		expect(validateOrg(org.units, org.employees).ok).toBe(true);
		expect(validateGoalTree(org.goals).ok).toBe(true);
		const members = new Map<string, number>();
		for (const e of org.employees) members.set(e.unitId, (members.get(e.unitId) ?? 0) + 1);
		const teamsWithMembers = org.units.filter(
			(u) => u.kind === 'team' && (members.get(u.id) ?? 0) > 1
		);
		const sizes = teamsWithMembers.map((u) => members.get(u.id) ?? 0);
		expect(Math.max(...sizes)).toBeLessThanOrEqual(21);
		expect(sizes.filter((s) => s >= 8).length / sizes.length).toBeGreaterThan(0.7);
		expect(
			new Set(org.units.filter((u) => u.kind === 'department').map((u) => u.name['en']))
		).toEqual(new Set(['Sales', 'Engineering', 'Product', 'Marketing', 'User Operations', 'HR']));
	});
	it('is deterministic and streams the same values on every iteration', () => {
		const a = buildScaleCompany({ employees: 300, seed: 7, today });
		const b = buildScaleCompany({ employees: 300, seed: 7, today });
		expect(a.employees).toEqual(b.employees);
		const first = [...a.metricValues({ chunkSize: 500 })];
		expect(first.every((chunk) => chunk.length <= 500)).toBe(true);
		expect(first.flat()).toEqual([...b.metricValues({ chunkSize: 1_000 })].flat());
		const dates = first
			.flat()
			.map((v) => v.date)
			.sort();
		expect(dates[0]! >= '2026-09-06' && dates[dates.length - 1]! <= today).toBe(true);
	});
	it(
		'handles 100,000 people, streaming metric values in bounded chunks',
		{ timeout: 180_000 },
		() => {
			const org = buildScaleCompany({ employees: 100_000, seed: 1, today });
			expect(org.employees).toHaveLength(100_000);
			expect(org.goals.length).toBeGreaterThan(90_000);
			let values = 0;
			let chunks = 0;
			for (const chunk of org.metricValues({ chunkSize: 50_000 })) {
				expect(chunk.length).toBeLessThanOrEqual(50_000);
				values += chunk.length;
				if (++chunks === 20) break; // the full stream (~5M values) is the benchmark's job
			}
			expect(values).toBe(1_000_000);
		}
	);
});
