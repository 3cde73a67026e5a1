/**
 * Per-locale text of a definition (state labels, outcome labels, form hints, templates) and
 * the pure picker pages use to show it. A plain string is English-only text.
 */

/** Text in one language, or a map from locale (`en`, `zh-CN`) to text. */
export type Localized = string | Readonly<Record<string, string>>;

/** Every user-facing text of a definition must exist in these locales (lint warns otherwise). */
export const REQUIRED_LOCALES = ['en', 'zh-CN'] as const;

/**
 * The text of `text` for `locale`: the exact tag, then a tag of the same language (`zh` for
 * `zh-CN`), then English, then any text. A plain string is returned as it is; nothing gives ''.
 */
export function localize(text: Localized | null | undefined, locale: string): string {
	if (text == null) return '';
	if (typeof text === 'string') return text;
	const exact = text[locale];
	if (exact) return exact;
	const language = locale.split('-')[0];
	for (const [tag, value] of Object.entries(text)) {
		if (value && tag.split('-')[0] === language) return value;
	}
	return text.en || Object.values(text).find((value) => !!value) || '';
}

/** The required locales a text lacks (a plain string counts as English only). */
export function missingLocales(text: Localized | null | undefined): string[] {
	if (text == null) return [...REQUIRED_LOCALES];
	if (typeof text === 'string') return text.trim() ? ['zh-CN'] : [...REQUIRED_LOCALES];
	return REQUIRED_LOCALES.filter((locale) => !text[locale]?.trim());
}
