import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const TASK_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A human task opened by a task/approval state; completed by sending one of its outcomes. */
export const Task = defineEntity({
	name: 'Task',
	tableName: 'task',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		instanceId: p.uuid(),
		taskKey: p.text(),
		statePath: p.text(),
		kind: p.text(),
		assigneePersonId: p.uuid().nullable(),
		assigneeRole: p.text().nullable(),
		form: p.text().nullable(),
		title: p.text().nullable(),
		dueAt: p.datetime().nullable(),
		status: p.enum([...TASK_STATUSES]),
		outcome: p.text().nullable(),
		data: p.json<unknown>().nullable(),
		completedBy: p.uuid().nullable(),
		completedAt: p.datetime().nullable(),
		createdAt: p.datetime()
	}
});
export type ITask = InferEntity<typeof Task>;
