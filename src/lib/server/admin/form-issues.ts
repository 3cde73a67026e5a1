/**
 * Form errors for the admin pages: one issue per field name, carrying the stable `code` the
 * page translates, its `params`, and the English `message` as a fallback.
 */
import type { z } from 'zod';
import { isAppError } from '../runtime/errors';

export type FieldIssue = {
	code: string;
	message: string;
	params?: Record<string, string | number>;
};
export type FieldIssues = Record<string, FieldIssue>;

/** zod's issues by the first segment of their path (the form field name). */
export function zodFieldIssues(error: z.ZodError): FieldIssues {
	const out: FieldIssues = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		out[field] ??= { code: `form.${issue.code}`, message: issue.message };
	}
	return out;
}

type DetailIssue = { code?: string; path?: string; message?: string; params?: unknown };

/**
 * The domain's refusal (an AppError with `issues`, or one `path`) as field issues, with
 * `fieldOf` mapping a domain path (`metrics.x.formula`) to a form field (`formula`).
 * Anything else is not the user's mistake and is rethrown.
 */
export function appFieldIssues(err: unknown, fieldOf: (path: string) => string): FieldIssues {
	if (!isAppError(err) || (err.code !== 'bad_request' && err.code !== 'conflict')) throw err;
	const details = err.details as { issues?: DetailIssue[]; path?: string; issueCode?: string };
	const issues: DetailIssue[] = details.issues ?? [
		{ code: details.issueCode ?? err.code, path: details.path, message: err.message }
	];
	const out: FieldIssues = {};
	for (const issue of issues) {
		const field = fieldOf(issue.path ?? '');
		out[field] ??= {
			code: issue.code ?? err.code,
			message: issue.message ?? err.message,
			...(issue.params && typeof issue.params === 'object'
				? { params: issue.params as Record<string, string | number> }
				: {})
		};
	}
	return out;
}
