import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A tenant. Its own `organisationId` equals its id so that every table has the column. */
export const Organisation = defineEntity({
	name: 'Organisation',
	tableName: 'organisation',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		name: p.text(),
		createdAt: p.datetime().defaultRaw('now()')
	}
});
export type IOrganisation = InferEntity<typeof Organisation>;
