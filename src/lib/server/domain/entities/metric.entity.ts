import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A metric definition: data, editable at run time; `version` counts its edits. */
export const MetricDefinitionRow = defineEntity({
	name: 'MetricDefinitionRow',
	tableName: 'metric_definition',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		key: p.text(),
		name: p.json<Record<string, string>>(),
		description: p.json<Record<string, string>>().nullable(),
		unit: p.json<Record<string, unknown>>(),
		aggregation: p.text(),
		period: p.text(),
		direction: p.text(),
		formula: p.text().nullable(),
		version: p.integer(),
		createdAt: p.datetime(),
		updatedAt: p.datetime()
	}
});
export type IMetricDefinitionRow = InferEntity<typeof MetricDefinitionRow>;

/**
 * One metric value for a person or a unit on a date. The key includes the source id, so the
 * same value sent twice is stored once. Bulk-loaded with COPY, never through the unit of work.
 */
export const MetricValueRow = defineEntity({
	name: 'MetricValueRow',
	tableName: 'metric_value',
	properties: {
		organisationId: p.uuid().primary(),
		metricId: p.uuid().primary(),
		subjectId: p.uuid().primary(),
		at: p.date().primary(),
		sourceId: p.text().primary(),
		subjectKind: p.enum(['person', 'unit'] as const),
		value: p.double(),
		source: p.text(),
		ingestedAt: p.datetime()
	}
});
export type IMetricValueRow = InferEntity<typeof MetricValueRow>;

/** When a subject's metrics last changed: what the next lag check of its instances reads. */
export const MetricSignalRow = defineEntity({
	name: 'MetricSignalRow',
	tableName: 'metric_signal',
	properties: {
		organisationId: p.uuid().primary(),
		subjectId: p.uuid().primary(),
		updatedAt: p.datetime()
	}
});
export type IMetricSignalRow = InferEntity<typeof MetricSignalRow>;
