import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const TIMER_STATUSES = ['pending', 'fired', 'cancelled'] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];

/** A durable timer: the worker sends `event` to the instance once `dueAt` has passed. */
export const Timer = defineEntity({
	name: 'Timer',
	tableName: 'timer',
	indexes: [{ properties: ['status', 'dueAt'] }],
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		instanceId: p.uuid(),
		timerKey: p.text(),
		event: p.json<{ type: string; data?: unknown }>(),
		dueAt: p.datetime(),
		status: p.enum([...TIMER_STATUSES]),
		firedAt: p.datetime().nullable(),
		createdAt: p.datetime()
	}
});
export type ITimer = InferEntity<typeof Timer>;
