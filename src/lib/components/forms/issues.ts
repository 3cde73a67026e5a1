/** A field error: where (dotted path, '' for the whole form), what kind, and its limit. */
export type FormIssue = {
	path: string;
	code:
		| 'required'
		| 'type'
		| 'minLength'
		| 'maxLength'
		| 'minimum'
		| 'maximum'
		| 'minItems'
		| 'maxItems'
		| 'enum'
		| 'format'
		| 'pattern'
		| 'commentRequired'
		| 'invalid';
	limit?: number | string;
};

/** Issues grouped by path, as the renderer shows them beside fields. */
export type FormIssues = Record<string, FormIssue[]>;

export function groupIssues(issues: readonly FormIssue[]): FormIssues {
	const grouped: FormIssues = {};
	for (const issue of issues) (grouped[issue.path] ??= []).push(issue);
	return grouped;
}

/** A JSON Pointer (`/goals/0/title`) as a dotted path (`goals.0.title`). */
export function pointerToPath(pointer: string): string {
	return pointer
		.split('/')
		.slice(1)
		.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
		.join('.');
}
