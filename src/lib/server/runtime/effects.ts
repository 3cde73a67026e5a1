import { randomUUID } from 'node:crypto';
import type { Effect } from './engine-port';

export type OpenTaskRow = {
	id: string;
	task_key: string;
	state_path: string;
	kind: string;
	assignee_person_id: string | null;
	assignee_role: string | null;
	form: string | null;
	title: string | null;
	due_at: string | null;
};

/** What one step writes besides the instance and journal rows, with same-step intents folded. */
export type EffectPlan = {
	openTasks: OpenTaskRow[];
	closeTaskKeys: string[];
	timers: { id: string; timer_key: string; event: unknown; due_at: string }[];
	cancelTimerKeys: string[];
	outbox: { id: string; kind: 'notify' | 'action'; payload: unknown; idempotency_key: string }[];
	isComplete: boolean;
	output: unknown;
};

function iso(value: Date | string | number): string {
	return new Date(value).toISOString();
}

/**
 * Folds effects in order: a close/cancel after an open/schedule of the same key in the same
 * step drops the new row (the UPDATE of the write statement only sees rows that existed before).
 */
export function planEffects(effects: Effect[], keyPrefix: string): EffectPlan {
	const plan: EffectPlan = {
		openTasks: [],
		closeTaskKeys: [],
		timers: [],
		cancelTimerKeys: [],
		outbox: [],
		isComplete: false,
		output: undefined
	};
	effects.forEach((effect, index) => {
		switch (effect.type) {
			case 'openTask':
				plan.openTasks.push({
					id: randomUUID(),
					task_key: effect.taskKey,
					state_path: effect.statePath,
					kind: effect.kind,
					assignee_person_id: effect.assignee.kind === 'person' ? effect.assignee.id : null,
					assignee_role: effect.assignee.kind === 'role' ? effect.assignee.role : null,
					form: effect.form ?? null,
					title: effect.title ?? null,
					due_at: effect.dueAt === undefined ? null : iso(effect.dueAt)
				});
				break;
			case 'closeTask':
				plan.openTasks = plan.openTasks.filter((t) => t.task_key !== effect.taskKey);
				plan.closeTaskKeys.push(effect.taskKey);
				break;
			case 'scheduleTimer':
				plan.timers.push({
					id: randomUUID(),
					timer_key: effect.timerKey,
					event: effect.event,
					due_at: iso(effect.dueAt)
				});
				break;
			case 'cancelTimer':
				plan.timers = plan.timers.filter((t) => t.timer_key !== effect.timerKey);
				plan.cancelTimerKeys.push(effect.timerKey);
				break;
			case 'runAction':
				plan.outbox.push({
					id: randomUUID(),
					kind: 'action',
					payload: {
						actionType: effect.actionType,
						params: effect.params,
						engineKey: effect.idempotencyKey
					},
					idempotency_key: `${keyPrefix}:${index}`
				});
				break;
			case 'notify':
				plan.outbox.push({
					id: randomUUID(),
					kind: 'notify',
					payload: { template: effect.template, to: effect.to, params: effect.params ?? {} },
					idempotency_key: `${keyPrefix}:${index}`
				});
				break;
			case 'complete':
				plan.isComplete = true;
				plan.output = effect.output;
				break;
		}
	});
	return plan;
}

export type TaskView = {
	id: string;
	taskKey: string;
	statePath: string;
	kind: string;
	assigneePersonId: string | null;
	assigneeRole: string | null;
	form: string | null;
	title: string | null;
	dueAt: string | null;
};

/** The camelCase shape tasks have in results and views. */
export function taskView(row: OpenTaskRow): TaskView {
	return {
		id: row.id,
		taskKey: row.task_key,
		statePath: row.state_path,
		kind: row.kind,
		assigneePersonId: row.assignee_person_id,
		assigneeRole: row.assignee_role,
		form: row.form,
		title: row.title,
		dueAt: row.due_at
	};
}
