/** The task inbox: queries for people, and completing a task with its form. */
export {
	listInbox,
	inboxCounts,
	taskTitle,
	templateContext,
	INBOX_FILTERS,
	DUE_SOON_MS
} from './inbox';
export type { InboxItem, InboxFilter, InboxCounts } from './inbox';
export { getTask, outcomesOf } from './detail';
export type { TaskDetail, TaskOutcome, Submission, ReturnedComments } from './detail';
export { completeTask, FIELD_COMMENT_PREFIX, type CompleteResult } from './complete';
