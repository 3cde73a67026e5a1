import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A person. Workflow instances run for an employee (the `subject` of expressions). */
export const Employee = defineEntity({
	name: 'Employee',
	tableName: 'employee',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		name: p.text(),
		email: p.text(),
		managerId: p.uuid().nullable(),
		unitId: p.uuid().nullable(),
		jobTitle: p.text().nullable(),
		country: p.text().nullable(),
		locale: p.text().default('en'),
		timeZone: p.text().default('UTC'),
		hireDate: p.date().nullable(),
		createdAt: p.datetime().defaultRaw('now()')
	}
});
export type IEmployee = InferEntity<typeof Employee>;
