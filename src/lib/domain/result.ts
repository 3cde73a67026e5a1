/**
 * Shared value types of the domain layer: validation results, issues and localised text.
 * Validation never throws; it returns a {@link Result}. `throw` is reserved for bugs.
 */

/**
 * A problem found while validating domain data. `code` is stable and machine-readable (the UI
 * translates it, using `params`); `message` is an English explanation for logs and developers;
 * `path` points at the offending part, dotted (`goals.g1.parentId`, `schemes.growth.items`).
 */
export interface DomainIssue {
	readonly code: string;
	readonly path: string;
	readonly message: string;
	readonly params?: Readonly<Record<string, string | number>>;
}

/** Outcome of a validation or a guarded change: a value, or the issues that refused it. */
export type Result<T> =
	| { readonly ok: true; readonly value: T }
	| { readonly ok: false; readonly issues: readonly DomainIssue[] };

/** Wraps a value as a successful {@link Result}. */
export function ok<T>(value: T): Result<T> {
	return { ok: true, value };
}

/** Builds a failed {@link Result} from one or more issues. */
export function fail<T = never>(...issues: DomainIssue[]): Result<T> {
	return { ok: false, issues };
}

/** Returns `ok(value)` when `issues` is empty, otherwise the failure. */
export function fromIssues<T>(value: T, issues: readonly DomainIssue[]): Result<T> {
	return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}

/** Text in several locales, keyed by BCP-47 tag (`en`, `zh-CN`, `ja`…). */
export type LocalizedText = Readonly<Record<string, string>>;

/**
 * Picks the best text for `locale`: exact tag, then its language (`zh` for `zh-CN`), then
 * English, then whatever exists.
 */
export function localize(text: LocalizedText, locale: string): string {
	const exact = text[locale];
	if (exact !== undefined) return exact;
	const language = locale.split('-')[0] ?? locale;
	for (const [tag, value] of Object.entries(text)) {
		if (tag.split('-')[0] === language) return value;
	}
	return text['en'] ?? Object.values(text)[0] ?? '';
}
