/** The scheme form's draft (string fields, as the form posts them) and its pure helpers. */
export type SchemeItemDraft = {
	key: string;
	label_en: string;
	label_zh: string;
	source_kind: string;
	source_ref: string;
	weight: string;
};

export type SchemeDraft = {
	base_version: string;
	name_en: string;
	name_zh: string;
	effective_from: string;
	scope_unit: string;
	scope_job_family: string;
	scope_cycle: string;
	reason: string;
	items: SchemeItemDraft[];
};

export const emptyItem = (): SchemeItemDraft => ({
	key: '',
	label_en: '',
	label_zh: '',
	source_kind: 'goal_category',
	source_ref: '',
	weight: '0'
});

/** The live total of the weights; a field that is not a number counts as 0. */
export function weightSum(items: readonly { weight: string | number }[]): number {
	const total = items.reduce((sum, item) => {
		const value = Number(item.weight);
		return sum + (Number.isFinite(value) ? value : 0);
	}, 0);
	return Math.round(total * 1e6) / 1e6;
}

const ITEM_KEYS = ['key', 'label_en', 'label_zh', 'source_kind', 'source_ref', 'weight'] as const;
const KEYS = [
	'base_version',
	'name_en',
	'name_zh',
	'effective_from',
	'scope_unit',
	'scope_job_family',
	'scope_cycle',
	'reason'
] as const;

/** A stable text of the draft, to tell whether it changed since the preview. */
export function canonical(draft: SchemeDraft): string {
	return JSON.stringify([
		KEYS.map((k) => String(draft[k] ?? '').trim()),
		draft.items.map((item) => ITEM_KEYS.map((k) => String(item[k] ?? '').trim()))
	]);
}
