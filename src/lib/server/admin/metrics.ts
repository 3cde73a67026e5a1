/**
 * Metric definitions from the admin form: parsed and checked here, stored by the domain's
 * create/update (which checks formulas against the whole set), and audited in the same
 * transaction.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { AGGREGATIONS, DIRECTIONS, PERIODS, type MetricDefinition } from '../../domain/metrics';
import { audit } from '../domain/audit';
import { transaction } from '../domain/db';
import {
	createMetric,
	loadMetrics,
	updateMetric,
	type StoredMetric
} from '../domain/metrics/definitions';
import { changeActor, type AdminActor } from './actor';
import { appFieldIssues, zodFieldIssues, type FieldIssues } from './form-issues';

const text = (max: number) => z.string().trim().max(max);

export const metricFormSchema = z
	.object({
		key: z
			.string()
			.trim()
			.regex(/^[a-z][a-z0-9_]*$/)
			.max(64),
		name_en: text(120).min(1),
		name_zh: text(120),
		description_en: text(500),
		description_zh: text(500),
		unit_kind: z.enum(['currency', 'percent', 'quantity']),
		unit_code: text(3),
		unit_label: text(40),
		unit_decimals: z.coerce.number().int().min(0).max(6),
		aggregation: z.enum(AGGREGATIONS),
		period: z.enum(PERIODS),
		direction: z.enum(DIRECTIONS),
		formula: text(2000)
	})
	.superRefine((value, ctx) => {
		if (value.unit_kind === 'currency' && !/^[A-Z]{3}$/.test(value.unit_code))
			ctx.addIssue({ code: 'custom', path: ['unit_code'], message: 'currency code' });
		if (value.unit_kind === 'quantity' && value.unit_label === '')
			ctx.addIssue({ code: 'custom', path: ['unit_label'], message: 'unit label' });
	});

export type MetricFormValues = Record<keyof z.input<typeof metricFormSchema>, string>;

const FIELDS = Object.keys(metricFormSchema.shape) as (keyof MetricFormValues)[];

/** The submitted values as strings, to put back into the form after a refusal. */
export function metricFormValues(form: FormData): MetricFormValues {
	return Object.fromEntries(
		FIELDS.map((field) => [field, String(form.get(field) ?? '')])
	) as MetricFormValues;
}

/** A stored definition as form values (for the edit page). */
export function metricToForm(metric: StoredMetric): MetricFormValues {
	const unit = metric.unit;
	return {
		key: metric.key,
		name_en: metric.name['en'] ?? '',
		name_zh: metric.name['zh-CN'] ?? '',
		description_en: metric.description?.['en'] ?? '',
		description_zh: metric.description?.['zh-CN'] ?? '',
		unit_kind: unit.kind,
		unit_code: unit.kind === 'currency' ? unit.code : '',
		unit_label: unit.kind === 'quantity' ? unit.label : '',
		unit_decimals: String(unit.decimals),
		aggregation: metric.aggregation,
		period: metric.period,
		direction: metric.direction,
		formula: metric.formula ?? ''
	};
}

function toDefinition(value: z.output<typeof metricFormSchema>): MetricDefinition {
	const localized = (en: string, zh: string) => ({ en, ...(zh ? { 'zh-CN': zh } : {}) });
	const unit: MetricDefinition['unit'] =
		value.unit_kind === 'currency'
			? { kind: 'currency', code: value.unit_code, decimals: value.unit_decimals }
			: value.unit_kind === 'percent'
				? { kind: 'percent', decimals: value.unit_decimals }
				: { kind: 'quantity', label: value.unit_label, decimals: value.unit_decimals };
	return {
		key: value.key,
		name: localized(value.name_en, value.name_zh),
		unit,
		aggregation: value.aggregation,
		period: value.period,
		direction: value.direction,
		...(value.formula ? { formula: value.formula } : {}),
		...(value.description_en || value.description_zh
			? { description: localized(value.description_en, value.description_zh) }
			: {})
	};
}

/** `metrics.<key>.unit.decimals` → `unit_decimals`; `metrics.<key>.name` → `name_en`. */
function metricField(path: string): string {
	const rest = path.split('.').slice(2).join('.');
	if (rest === 'name') return 'name_en';
	if (rest === 'unit.decimals') return 'unit_decimals';
	if (rest === 'unit.code') return 'unit_code';
	if (FIELDS.includes(rest as keyof MetricFormValues)) return rest;
	return path === 'key' ? 'key' : 'form';
}

export type SaveMetricResult =
	{ ok: true; metric: StoredMetric } | { ok: false; issues: FieldIssues };

/**
 * Creates (`existingKey` null) or updates a metric from the form. Bad input comes back as
 * field issues and nothing is stored; a stored change has its audit entry.
 */
export async function saveMetricForm(
	em: EntityManager,
	orgId: string,
	input: { existingKey: string | null; form: MetricFormValues },
	actor: AdminActor
): Promise<SaveMetricResult> {
	const values = input.existingKey ? { ...input.form, key: input.existingKey } : input.form;
	const parsed = metricFormSchema.safeParse(values);
	if (!parsed.success) return { ok: false, issues: zodFieldIssues(parsed.error) };
	const definition = toDefinition(parsed.data);
	try {
		const metric = await transaction(em, async (db) => {
			const before = input.existingKey
				? ((await loadMetrics(db, orgId)).find((m) => m.key === input.existingKey) ?? null)
				: null;
			const { key: _key, ...patch } = definition;
			const saved = input.existingKey
				? await updateMetric(db.em, orgId, input.existingKey, {
						formula: undefined,
						description: undefined,
						...patch
					})
				: await createMetric(db.em, orgId, definition);
			await audit(db, orgId, changeActor(actor, 'metric definition edited by an admin'), {
				action: input.existingKey ? 'metric.update' : 'metric.create',
				entity: 'metric_definition',
				entityId: saved.id,
				before,
				after: saved
			});
			return saved;
		});
		return { ok: true, metric };
	} catch (err) {
		return { ok: false, issues: appFieldIssues(err, metricField) };
	}
}
