import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A configured metric source: which plugin's source (`metrics-file.export`) pulls with which
 * params, on which croner schedule, and how its last run went. Rows are written by admins (or
 * the CLI); the source runner reads them when the app's workers start.
 */
export const MetricSourceRow = defineEntity({
	name: 'MetricSourceRow',
	tableName: 'metric_source',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		name: p.text(),
		pluginId: p.text(),
		params: p.json<Record<string, unknown>>(),
		schedule: p.text(),
		isEnabled: p.boolean(),
		lastRunAt: p.datetime().nullable(),
		lastResult: p.json<Record<string, unknown>>().nullable(),
		createdAt: p.datetime()
	}
});
export type IMetricSourceRow = InferEntity<typeof MetricSourceRow>;
