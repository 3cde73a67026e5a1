export { default as TaskForm } from './task-form.svelte';
export { default as SubmissionView } from './submission-view.svelte';
export { issueMessage, outcomeLabel, fieldId } from './messages';
export type { FormDefinition, JsonSchema, UiHints } from './schema';
export type { FormIssue, FormIssues } from './issues';
