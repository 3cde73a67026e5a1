import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export type LocalizedText = Record<string, string>;

/** A workflow by slug; its content lives in versions. */
export const WorkflowDefinition = defineEntity({
	name: 'WorkflowDefinition',
	tableName: 'workflow_definition',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		slug: p.text(),
		name: p.json<LocalizedText>(),
		createdAt: p.datetime().defaultRaw('now()')
	}
});
export type IWorkflowDefinition = InferEntity<typeof WorkflowDefinition>;

export const VERSION_STATUSES = ['draft', 'published'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** One immutable content of a definition; instances keep the version they started on. */
export const WorkflowVersion = defineEntity({
	name: 'WorkflowVersion',
	tableName: 'workflow_version',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		definitionId: p.uuid(),
		version: p.integer(),
		content: p.json<Record<string, unknown>>(),
		contentHash: p.text(),
		status: p.enum([...VERSION_STATUSES]),
		note: p.text().nullable(),
		createdAt: p.datetime().defaultRaw('now()'),
		publishedAt: p.datetime().nullable()
	}
});
export type IWorkflowVersion = InferEntity<typeof WorkflowVersion>;
