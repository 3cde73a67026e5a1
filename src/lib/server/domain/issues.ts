import { AppError } from '../runtime/errors';
import type { DomainIssue } from '../../domain/result';

/**
 * Turns refused domain validation into the server's error family: a 400 whose `path` is the
 * first issue's, with every issue attached so a form can show each beside its field.
 */
export function invalid(issues: readonly DomainIssue[]): AppError {
	const first = issues[0];
	return new AppError('bad_request', first?.message ?? 'Invalid input', {
		path: first?.path,
		issueCode: first?.code,
		issues: issues.map((issue) => ({ ...issue }))
	});
}

/** Today's calendar date (UTC) of an instant. */
export function isoDay(at: Date): string {
	return at.toISOString().slice(0, 10);
}
