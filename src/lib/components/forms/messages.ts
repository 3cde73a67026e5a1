import { m } from '../../paraglide/messages.js';
import { localize, type Localized } from '../../engine/localize';
import type { FormIssue } from './issues';

/** A field error in the viewer's language. */
export function issueMessage(issue: FormIssue): string {
	const limit = String(issue.limit ?? '');
	switch (issue.code) {
		case 'required':
			return m.task_error_required();
		case 'type':
			return limit === 'number' || limit === 'integer'
				? m.task_error_type_number()
				: m.task_error_type();
		case 'minLength':
			return m.task_error_min_length({ limit });
		case 'maxLength':
			return m.task_error_max_length({ limit });
		case 'minimum':
			return m.task_error_minimum({ limit });
		case 'maximum':
			return m.task_error_maximum({ limit });
		case 'minItems':
			return m.task_error_min_items({ limit });
		case 'maxItems':
			return m.task_error_max_items({ limit });
		case 'enum':
			return m.task_error_enum();
		case 'format':
			return m.task_error_format({ limit });
		case 'commentRequired':
			return m.task_error_comment_required();
		default:
			return m.task_error_invalid();
	}
}

/** The button text of a task outcome (the event it sends). */
export function outcomeLabel(event: string, label?: Localized, locale?: string): string {
	const named = label !== undefined && locale ? localize(label, locale) : '';
	if (named) return named;
	switch (event) {
		case 'submit':
			return m.task_outcome_submit();
		case 'approve':
			return m.task_outcome_approve();
		case 'return':
			return m.task_outcome_return();
		case 'reject':
			return m.task_outcome_reject();
		default:
			return m.task_outcome_other({ event });
	}
}

/** The id of a field's input, so errors can link to it and focus can land on it. */
export function fieldId(path: string): string {
	return `field-${path.replace(/[^a-zA-Z0-9_-]/g, '-') || 'root'}`;
}
