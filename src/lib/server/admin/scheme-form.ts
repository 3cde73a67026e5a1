/**
 * The form for a new weighting-scheme version: plain fields plus one row per item (repeated
 * field names). Grade bands and outcome rules are carried over from the version it starts
 * from, read again on the server rather than trusted from the page.
 */
import { z } from 'zod';
import type { StoredScheme, SchemeInput } from '../domain/scoring/schemes';
import { zodFieldIssues, type FieldIssues } from './form-issues';

export type SchemeItemValues = {
	key: string;
	label_en: string;
	label_zh: string;
	source_kind: string;
	source_ref: string;
	weight: string;
};

export type SchemeFormValues = {
	base_version: string;
	name_en: string;
	name_zh: string;
	effective_from: string;
	scope_unit: string;
	scope_job_family: string;
	scope_cycle: string;
	reason: string;
	items: SchemeItemValues[];
};

const ITEM_FIELDS = ['key', 'label_en', 'label_zh', 'source_kind', 'source_ref', 'weight'] as const;

export function schemeFormValues(form: FormData): SchemeFormValues {
	const column = (name: string) => form.getAll(`item_${name}`).map((v) => String(v));
	const columns = Object.fromEntries(ITEM_FIELDS.map((f) => [f, column(f)])) as Record<
		(typeof ITEM_FIELDS)[number],
		string[]
	>;
	const count = Math.max(...ITEM_FIELDS.map((f) => columns[f].length));
	const items = Array.from(
		{ length: count },
		(_, i) =>
			Object.fromEntries(ITEM_FIELDS.map((f) => [f, columns[f][i] ?? ''])) as SchemeItemValues
	);
	const field = (name: string) => String(form.get(name) ?? '');
	return {
		base_version: field('base_version'),
		name_en: field('name_en'),
		name_zh: field('name_zh'),
		effective_from: field('effective_from'),
		scope_unit: field('scope_unit'),
		scope_job_family: field('scope_job_family'),
		scope_cycle: field('scope_cycle'),
		reason: field('reason'),
		items
	};
}

export function schemeToForm(scheme: StoredScheme, today: string): SchemeFormValues {
	return {
		base_version: String(scheme.version),
		name_en: scheme.name['en'] ?? '',
		name_zh: scheme.name['zh-CN'] ?? '',
		effective_from: today,
		scope_unit: scheme.scope.orgUnitId ?? '',
		scope_job_family: scheme.scope.jobFamily ?? '',
		scope_cycle: scheme.scope.cycleId ?? '',
		reason: '',
		items: scheme.items.map((item) => ({
			key: item.key,
			label_en: item.label['en'] ?? '',
			label_zh: item.label['zh-CN'] ?? '',
			source_kind: item.source.kind,
			source_ref: item.source.kind === 'metric' ? item.source.metricKey : item.source.category,
			weight: String(item.weight)
		}))
	};
}

const item = z.object({
	key: z
		.string()
		.trim()
		.regex(/^[a-z][a-z0-9_]*$/)
		.max(64),
	label_en: z.string().trim().min(1).max(120),
	label_zh: z.string().trim().max(120),
	source_kind: z.enum(['metric', 'goal_category']),
	source_ref: z.string().trim().min(1).max(64),
	weight: z.coerce.number().min(0).max(100)
});

const schema = z.object({
	name_en: z.string().trim().min(1).max(120),
	name_zh: z.string().trim().max(120),
	effective_from: z.iso.date(),
	scope_unit: z.string().trim().max(64),
	scope_job_family: z.string().trim().max(64),
	scope_cycle: z.string().trim().max(64),
	reason: z.string().trim().min(3).max(500),
	items: z.array(item).min(1).max(30)
});

/** The form as the domain's scheme input, or field issues (`item_weight.2`, `name_en`…). */
export function parseSchemeForm(
	key: string,
	values: SchemeFormValues,
	base: StoredScheme
): { ok: true; input: SchemeInput; reason: string } | { ok: false; issues: FieldIssues } {
	const parsed = schema.safeParse(values);
	if (!parsed.success) {
		const issues: FieldIssues = {};
		for (const issue of parsed.error.issues) {
			const [head, index, name] = issue.path;
			const field =
				head === 'items' && typeof index === 'number' && typeof name === 'string'
					? `item_${name}.${index}`
					: String(head ?? 'form');
			issues[field] ??= { code: `form.${issue.code}`, message: issue.message };
		}
		return {
			ok: false,
			issues: Object.keys(issues).length ? issues : zodFieldIssues(parsed.error)
		};
	}
	const v = parsed.data;
	const scope = {
		...(v.scope_unit ? { orgUnitId: v.scope_unit } : {}),
		...(v.scope_job_family ? { jobFamily: v.scope_job_family } : {}),
		...(v.scope_cycle ? { cycleId: v.scope_cycle } : {})
	};
	return {
		ok: true,
		reason: v.reason,
		input: {
			key,
			name: { en: v.name_en, ...(v.name_zh ? { 'zh-CN': v.name_zh } : {}) },
			effectiveFrom: v.effective_from,
			scope,
			items: v.items.map((i) => ({
				key: i.key,
				label: { en: i.label_en, ...(i.label_zh ? { 'zh-CN': i.label_zh } : {}) },
				source:
					i.source_kind === 'metric'
						? { kind: 'metric' as const, metricKey: i.source_ref }
						: { kind: 'goal_category' as const, category: i.source_ref },
				weight: i.weight
			})),
			bands: base.bands,
			outcomes: base.outcomes,
			...(base.attainmentCap !== undefined ? { attainmentCap: base.attainmentCap } : {})
		}
	};
}

/** `schemes.<key>.items.2.weight` → `item_weight.2`; `schemes.<key>.items` → `items`. */
export function schemeField(path: string): string {
	const rest = path.split('.').slice(2);
	if (rest[0] === 'items' && rest.length >= 3) return `item_${rest[2]}.${rest[1]}`;
	if (rest[0] === 'effectiveFrom') return 'effective_from';
	return rest[0] ?? 'form';
}
