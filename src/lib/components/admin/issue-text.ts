import { m } from '../../paraglide/messages.js';

/** A field issue from an admin form action (see the server's `FieldIssue`). */
export type FieldIssue = {
	code: string;
	message: string;
	params?: Record<string, string | number>;
};

const p = (issue: FieldIssue, name: string) => String(issue.params?.[name] ?? '');

/**
 * The viewer's text for an issue: translated by its code, with the domain's own words kept
 * only where they are the detail (the expression compiler's description of a bad formula).
 */
export function issueText(
	issue: FieldIssue | undefined,
	extra: { schemeName?: string } = {}
): string {
	if (!issue) return '';
	switch (issue.code) {
		case 'weighting.sum_not_100':
			return m.admin_issue_sum_not_100({
				scheme: extra.schemeName
					? `${extra.schemeName} (${p(issue, 'scheme')})`
					: p(issue, 'scheme'),
				version: p(issue, 'version'),
				sum: p(issue, 'sum')
			});
		case 'weighting.duplicate_item':
			return m.admin_issue_duplicate_item({ item: p(issue, 'item') });
		case 'weighting.bad_weight':
			return m.admin_issue_bad_weight();
		case 'weighting.bad_date':
			return m.admin_issue_bad_date();
		case 'metric.bad_formula':
			return m.admin_issue_bad_formula({
				column: String(Number(issue.params?.['column'] ?? 0) + 1),
				detail: issue.message
			});
		case 'metric.unknown_reference':
			return m.admin_issue_unknown_reference({ reference: p(issue, 'reference') });
		case 'metric.formula_self_reference':
			return m.admin_issue_self_reference();
		case 'metric.formula_cycle':
			return m.admin_issue_formula_cycle({ cycle: p(issue, 'cycle').split(',').join(' → ') });
		case 'metric.bad_key':
		case 'form.invalid_format':
			return m.admin_issue_bad_key();
		case 'metric.bad_currency':
			return m.admin_issue_bad_currency();
		case 'metric.bad_decimals':
			return m.admin_issue_bad_decimals();
		case 'conflict':
			return m.admin_issue_conflict({ detail: issue.message });
		case 'form.too_small':
			return m.admin_issue_required();
		case 'form.too_big':
			return m.admin_issue_too_big();
		case 'form.custom':
			return m.admin_issue_required();
		default:
			return m.admin_issue_invalid();
	}
}
