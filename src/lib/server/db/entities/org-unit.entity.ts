import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ORG_UNIT_KINDS = ['company', 'department', 'team'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/** A node of the organisation tree (company → department → team). */
export const OrgUnit = defineEntity({
	name: 'OrgUnit',
	tableName: 'org_unit',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		parentId: p.uuid().nullable(),
		kind: p.enum([...ORG_UNIT_KINDS]),
		name: p.text(),
		createdAt: p.datetime().defaultRaw('now()')
	}
});
export type IOrgUnit = InferEntity<typeof OrgUnit>;
