/**
 * What the instance components need to show. The runtime's view satisfies these structurally;
 * they are kept minimal so the components do not depend on server modules.
 */
export interface JournalEntryView {
	seq: number;
	kind: string;
	eventType: string;
	fromState?: unknown;
	toState?: unknown;
	actorId?: string | null;
	actorName?: string | null;
	at: string | Date;
}

export interface TaskAssigneeView {
	kind: string;
	id?: string;
	role?: string;
	name?: string;
}

export interface OpenTaskView {
	id: string;
	title?: string | null;
	statePath?: string;
	kind?: string;
	form?: string | null;
	assignee?: TaskAssigneeView | string | null;
	assigneeName?: string | null;
	dueAt?: string | Date | null;
	outcomes?: string[];
}
