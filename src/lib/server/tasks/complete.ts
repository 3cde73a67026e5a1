import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../policy/types';
import { AppError, isAppError } from '../runtime/errors';
import { sendEvent, type EventResult } from '../runtime/executor';
import { validateForm } from '../forms/validate';
import { coerceForm, type FieldSource } from '../../components/forms/coerce';
import type { FormIssue } from '../../components/forms/issues';
import type { JsonSchema } from '../../components/forms/schema';
import { getTask, type TaskDetail } from './detail';

/** Field comments a reviewer attaches when returning: inputs named `fieldComment.<path>`. */
export const FIELD_COMMENT_PREFIX = 'fieldComment.';

export type CompleteResult =
	| { ok: true; result: EventResult; task: TaskDetail }
	| { ok: false; kind: 'invalid'; issues: FormIssue[]; value: Record<string, unknown> }
	| {
			ok: false;
			kind: 'alreadyCompleted';
			completedAt: string | null;
			completedBy: string | null;
			outcome: string | null;
	  }
	| { ok: false; kind: 'notAccepted'; accepted: string[] };

function fieldComments(source: FieldSource): Record<string, string> {
	const comments: Record<string, string> = {};
	for (const key of source.keys()) {
		if (!key.startsWith(FIELD_COMMENT_PREFIX)) continue;
		const value = source.get(key);
		if (typeof value === 'string' && value.trim()) {
			comments[key.slice(FIELD_COMMENT_PREFIX.length)] = value.trim().slice(0, 2000);
		}
	}
	return comments;
}

/**
 * Completes a task with one of its outcomes: the posted fields are coerced by the form's
 * schema and validated on the server (field errors by path, nothing written on error); an
 * outcome that requires a comment refuses an empty one; then the outcome is sent as the
 * task's event in the runtime's one transaction. A task completed already — another tab, or
 * someone else holding the same role — answers `alreadyCompleted`, never a second event.
 */
export async function completeTask(options: {
	em: EntityManager;
	orgId: string;
	actor: Actor;
	taskId: string;
	outcome: string;
	/** Posted form fields, or a JSON value (the API). */
	input: FieldSource | Record<string, unknown>;
	locale: string;
	now: Date;
	clientEventId?: string;
}): Promise<CompleteResult> {
	const { actor } = options;
	const task = await getTask(options);
	if (task.status === 'completed') return alreadyCompleted(task);
	if (task.status !== 'open') throw AppError.conflict(`task ${task.id} is ${task.status}`);
	const outcome = task.outcomes.find((o) => o.event === options.outcome);
	if (!outcome) {
		return { ok: false, kind: 'notAccepted', accepted: task.outcomes.map((o) => o.event) };
	}
	const schema: JsonSchema = task.form?.schema ?? { type: 'object' };
	const isPosted = typeof (options.input as FieldSource).getAll === 'function';
	const value = isPosted
		? coerceForm(schema, options.input as FieldSource)
		: { ...(options.input as Record<string, unknown>) };
	const comments = isPosted ? fieldComments(options.input as FieldSource) : {};
	const issues: FormIssue[] = [];
	const validation = validateForm(schema, withoutExtras(value));
	if (!validation.ok) issues.push(...validation.issues);
	const comment = typeof value.comment === 'string' ? value.comment.trim() : '';
	if (outcome.requiresComment && !comment && Object.keys(comments).length === 0) {
		issues.push({ path: 'comment', code: 'commentRequired' });
	}
	if (issues.length) return { ok: false, kind: 'invalid', issues, value };
	const data: Record<string, unknown> = { ...value };
	if (Object.keys(comments).length) {
		data.fieldComments = comments;
		// The definition's guard wants a comment; point it at the field comments when there is none.
		if (outcome.requiresComment && !comment) data.comment = Object.values(comments).join('\n');
	}
	try {
		const result = await sendEvent({
			em: options.em,
			orgId: options.orgId,
			instanceId: task.instanceId,
			event: { type: outcome.event, data, taskId: task.id },
			actorId: actor.employeeId ?? actor.accountId,
			clientEventId: options.clientEventId,
			now: options.now
		});
		return { ok: true, result, task };
	} catch (err) {
		if (!isAppError(err)) throw err;
		if (err.code === 'conflict' && err.details.taskId === task.id) {
			return alreadyCompleted(await getTask(options));
		}
		if (err.code === 'event_not_accepted') {
			return { ok: false, kind: 'notAccepted', accepted: err.details.accepted ?? [] };
		}
		throw err;
	}
}

// The server-side extras a form post can carry are not the schema's to judge.
function withoutExtras(value: Record<string, unknown>): Record<string, unknown> {
	const copy = { ...value };
	delete copy.fieldComments;
	return copy;
}

function alreadyCompleted(task: TaskDetail): CompleteResult {
	return {
		ok: false,
		kind: 'alreadyCompleted',
		completedAt: task.completedAt,
		completedBy: task.completedBy,
		outcome: task.outcome
	};
}
