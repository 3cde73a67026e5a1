import { describe, expect, it } from 'vitest';
import { canonical, emptyItem, weightSum, type SchemeDraft } from './scheme-draft';

const draft = (weights: string[]): SchemeDraft => ({
	base_version: '2',
	name_en: 'Profit',
	name_zh: '',
	effective_from: '2025-06-01',
	scope_unit: '',
	scope_job_family: '',
	scope_cycle: '',
	reason: 'strategy',
	items: weights.map((weight, i) => ({ ...emptyItem(), key: `k${i}`, weight }))
});

describe('scheme draft', () => {
	it('sums the weights as typed, ignoring what is not a number', () => {
		expect(weightSum(draft(['40', '30', '15', '15']).items)).toBe(100);
		expect(weightSum(draft(['40', '30', '20', '']).items)).toBe(90);
		expect(weightSum(draft(['33.3', '33.3', '33.4']).items)).toBe(100);
		expect(weightSum(draft(['abc', '10']).items)).toBe(10);
	});

	it('tells an edited draft from the previewed one', () => {
		const a = draft(['60', '40']);
		expect(canonical(a)).toBe(canonical(structuredClone(a)));
		const b = structuredClone(a);
		(b.items[1] as { weight: string }).weight = '41';
		expect(canonical(b)).not.toBe(canonical(a));
	});
});
