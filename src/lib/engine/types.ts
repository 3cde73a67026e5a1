/** The employee an instance runs for, as the server loads it for a step. */
export type Subject = {
	id: string;
	name?: string;
	managerId?: string | null;
	/** The manager, when the caller loaded it (needed for `subject.manager.manager`). */
	manager?: Subject | null;
	unitId?: string | null;
	jobTitle?: string;
	country?: string;
	locale?: string;
	/** Goal progress, 0..1. */
	progress?: number;
	metrics?: Record<string, unknown>;
	[key: string]: unknown;
};

/** An event sent to an instance. Task completions carry `data` (form values) and `taskId`. */
export type EngineEvent = {
	type: string;
	data?: Record<string, unknown>;
	taskId?: string;
	[key: string]: unknown;
};

/** Who a task or a notification is for. */
export type Assignee = { kind: 'person'; id: string } | { kind: 'role'; role: string };

/**
 * What the runtime must do after a step, in order (a re-entered wait state yields a
 * `cancelTimer` and then a `scheduleTimer` with the same key). Times are epoch ms.
 * `taskKey` is the dotted state path: unique among an instance's open tasks.
 */
export type Effect =
	| {
			type: 'openTask';
			taskKey: string;
			statePath: string;
			kind: string;
			assignee: Assignee;
			form?: string;
			title?: string;
			dueAt?: number;
			/** The task's outcomes: the events its state accepts. */
			outcomes: string[];
	  }
	| { type: 'closeTask'; taskKey: string; reason: 'completed' | 'cancelled' }
	| { type: 'scheduleTimer'; timerKey: string; event: { type: string }; dueAt: number }
	| { type: 'cancelTimer'; timerKey: string }
	| {
			type: 'runAction';
			actionType: string;
			params: Record<string, unknown>;
			idempotencyKey: string;
	  }
	| { type: 'notify'; template: string; to: Assignee; params: Record<string, unknown> }
	| { type: 'complete'; output: unknown };

/** The effect types, for exhaustive switches. */
export type EffectType = Effect['type'];
