/**
 * Turns the runtime's loosely typed task and journal rows into what the instance page shows.
 * Reading field by field keeps the page working if the runtime adds or renames a column.
 */
import type { JournalEntryView, OpenTaskView } from '../components/instance/types';

type Row = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

export function toJournalEntries(rows: Row[]): JournalEntryView[] {
	return rows.map((row, index) => ({
		seq: typeof row.seq === 'number' ? row.seq : index,
		kind: text(row.kind) ?? 'event',
		eventType: text(row.eventType) ?? '',
		fromState: row.fromState,
		toState: row.toState,
		actorId: text(row.actorId) ?? null,
		actorName: text(row.actorName) ?? null,
		at: text(row.at) ?? ''
	}));
}

export function toOpenTasks(rows: Row[], subject: { id: string; name: string }): OpenTaskView[] {
	return rows.map((row, index) => {
		const personId = text(row.assigneePersonId);
		const role = text(row.assigneeRole);
		return {
			id: text(row.id) ?? String(index),
			title: text(row.title) ?? null,
			statePath: text(row.statePath),
			kind: text(row.kind),
			form: text(row.form) ?? null,
			assignee: role
				? { kind: 'role', role }
				: personId
					? {
							kind: 'person',
							id: personId,
							name: personId === subject.id ? subject.name : undefined
						}
					: null,
			dueAt: text(row.dueAt) ?? null
		};
	});
}
