import type { Assignee, Subject } from './types';

const ROLE = /^role:([a-z][a-z0-9_-]*)$/;
const PEOPLE = ['subject', 'subject.manager', 'subject.manager.manager'] as const;

/** Whether `text` is an assignee expression: `subject`, `subject.manager(.manager)`, `role:<role>`. */
export function isAssigneeExpression(text: string): boolean {
	return ROLE.test(text) || (PEOPLE as readonly string[]).includes(text);
}

/**
 * Resolves an assignee expression against the subject. `subject.manager.manager` needs the
 * subject's `manager` object (with its `managerId`). A person who cannot be resolved (no
 * manager on record) falls back to the `hr` role, so the work is never lost.
 */
export function resolveAssignee(text: string, subject: Subject): Assignee {
	const role = ROLE.exec(text)?.[1];
	if (role) return { kind: 'role', role };
	const id =
		text === 'subject'
			? subject.id
			: text === 'subject.manager'
				? subject.managerId
				: text === 'subject.manager.manager'
					? subject.manager?.managerId
					: undefined;
	return id ? { kind: 'person', id } : { kind: 'role', role: 'hr' };
}
