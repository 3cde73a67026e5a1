import { z } from 'zod';
import { localize, type Localized } from './localize';

/**
 * The widgets the task form renderer knows (`ui:widget`); anything else falls back to the
 * widget the JSON Schema implies, and lint warns.
 */
export const UI_WIDGETS = [
	'text',
	'textarea',
	'number',
	'money',
	'percentage',
	'date',
	'select',
	'radio',
	'checkboxes',
	'rating',
	'checkbox',
	'goalList',
	'list',
	'object'
] as const;
export type UiWidget = (typeof UI_WIDGETS)[number];

/**
 * Per-field hints of a form, nested like the data: a key without the `ui:` prefix is a
 * property of the object (its own hints), `items` holds the hints of array items. The
 * `ui:` keys of one level describe that field; at the root they describe the whole form.
 * Localized keys (`ui:title`, `ui:description`, `ui:help`, `ui:placeholder`,
 * `ui:enumLabels`) carry the per-locale text; the JSON Schema `title`/`description` stay the
 * English fallback.
 */
export type UiHints = {
	'ui:widget'?: string;
	'ui:options'?: Record<string, unknown>;
	'ui:order'?: string[];
	'ui:title'?: Localized;
	'ui:description'?: Localized;
	'ui:help'?: Localized;
	'ui:placeholder'?: Localized;
	/** Labels of enum values (or `oneOf` consts), by value. */
	'ui:enumLabels'?: Record<string, Localized>;
	items?: UiHints;
	[key: string]: unknown;
};

const localizedHint = z
	.union([z.string(), z.record(z.string(), z.string())])
	.describe('Text, or a map from locale (en, zh-CN) to text');

export const uiHintsSchema: z.ZodType<UiHints> = z.lazy(() =>
	z
		.object({
			'ui:widget': z
				.string()
				.optional()
				.describe(`One of ${UI_WIDGETS.join(', ')}`),
			'ui:options': z.record(z.string(), z.unknown()).optional(),
			'ui:order': z.array(z.string()).optional().describe('Display order of the properties'),
			'ui:title': localizedHint.optional().describe('Field title per locale'),
			'ui:description': localizedHint.optional().describe('Field description per locale'),
			'ui:help': localizedHint.optional(),
			'ui:placeholder': localizedHint.optional(),
			'ui:enumLabels': z
				.record(z.string(), localizedHint)
				.optional()
				.describe('Labels of the enum values per locale, by value'),
			items: uiHintsSchema.optional().describe('Hints of the array items')
		})
		.catchall(uiHintsSchema)
		.describe('Hints of a field; other keys are the hints of its properties')
);

type FieldSchema = { title?: unknown; description?: unknown; [key: string]: unknown };

/** The hints of a property (`key`) or of the items (a number) below `ui`. */
export function childHints(ui: UiHints | undefined, key: string | number): UiHints {
	const child = typeof key === 'number' ? ui?.items : ui?.[key];
	return child && typeof child === 'object' && !Array.isArray(child) ? (child as UiHints) : {};
}

/**
 * A field's texts in a locale: the `ui:` hint, else the JSON Schema `title`/`description`,
 * else the property name (`name`) for the title. `enumLabel` names an enum value.
 */
export function fieldTexts(
	schema: FieldSchema,
	ui: UiHints | undefined,
	locale: string,
	name = ''
): {
	title: string;
	description: string;
	help: string;
	placeholder: string;
	enumLabel: (value: unknown) => string;
} {
	const schemaText = (value: unknown) => (typeof value === 'string' ? value : '');
	const labels = ui?.['ui:enumLabels'] ?? {};
	return {
		title: localize(ui?.['ui:title'], locale) || schemaText(schema.title) || name,
		description: localize(ui?.['ui:description'], locale) || schemaText(schema.description),
		help: localize(ui?.['ui:help'], locale),
		placeholder: localize(ui?.['ui:placeholder'], locale),
		enumLabel: (value) => localize(labels[String(value)], locale) || String(value)
	};
}
