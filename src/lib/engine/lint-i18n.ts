import type { IndexedState } from './compile';
import type { Definition, Issue } from './definition';
import { missingLocales, type Localized } from './localize';
import { childHints, type UiHints } from './ui-hints';

type Schema = {
	title?: unknown;
	description?: unknown;
	properties?: Record<string, Schema>;
	items?: Schema;
	enum?: unknown[];
	[key: string]: unknown;
};

const isLocalized = (value: unknown): value is Localized =>
	typeof value === 'string' ||
	(typeof value === 'object' && value !== null && !Array.isArray(value));

function check(issues: Issue[], path: string, what: string, text: Localized | undefined) {
	const missing = missingLocales(text);
	if (missing.length === 0) return;
	issues.push({
		severity: 'warning',
		code: 'missing_translation',
		path,
		message: `${what} has no ${missing.join(' or ')} text`,
		hint: 'Give every user-facing text as { "en": "…", "zh-CN": "…" }'
	});
}

/**
 * One field of a form and what is below it. A field with a JSON Schema `title` (the English
 * fallback) needs `ui:title` with both locales; so do its description and enum values.
 */
function checkField(issues: Issue[], schema: Schema, ui: UiHints, uiPath: string, label: string) {
	const at = (key: string) => `${uiPath}.${key}`;
	const title = ui['ui:title'] ?? (typeof schema.title === 'string' ? schema.title : undefined);
	if (title !== undefined) check(issues, at('ui:title'), `The title of ${label}`, title);
	const description =
		ui['ui:description'] ??
		(typeof schema.description === 'string' ? schema.description : undefined);
	if (description !== undefined) {
		check(issues, at('ui:description'), `The description of ${label}`, description);
	}
	for (const key of ['ui:help', 'ui:placeholder'] as const) {
		const text = ui[key];
		if (text !== undefined) check(issues, at(key), `The ${key.slice(3)} of ${label}`, text);
	}
	const labels = ui['ui:enumLabels'] ?? {};
	for (const value of schema.enum ?? []) {
		const text = labels[String(value)];
		check(
			issues,
			at(`ui:enumLabels.${String(value)}`),
			`The label of ${label} = ${String(value)}`,
			text
		);
	}
	for (const [key, child] of Object.entries(schema.properties ?? {})) {
		checkField(issues, child, childHints(ui, key), at(key), `field "${key}"`);
	}
	if (schema.items && typeof schema.items === 'object') {
		checkField(issues, schema.items, childHints(ui, 0), at('items'), `the items of ${label}`);
	}
}

/**
 * User-facing texts without an `en` or a `zh-CN` entry: the definition's name and description,
 * state labels, outcome labels, form field texts (through `ui` hints) and templates. Warnings:
 * pages fall back to English, then to whatever text exists.
 */
export function lintTranslations(
	definition: Definition,
	states: ReadonlyMap<string, IndexedState>
): Issue[] {
	const issues: Issue[] = [];
	check(issues, 'name', 'The name', definition.name);
	if (definition.description !== undefined) {
		check(issues, 'description', 'The description', definition.description);
	}
	for (const state of states.values()) {
		const label = state.config.meta?.label;
		if (label !== undefined) check(issues, `${state.path}.meta.label`, 'The state label', label);
		const outcomes = state.params.outcomes;
		if (!outcomes || typeof outcomes !== 'object') continue;
		for (const [event, info] of Object.entries(outcomes as Record<string, unknown>)) {
			const text = (info as { label?: unknown } | null)?.label;
			if (text === undefined || !isLocalized(text)) continue;
			const path = `${state.path}.meta.params.outcomes.${event}.label`;
			check(issues, path, `The label of outcome "${event}"`, text);
		}
	}
	for (const [name, form] of Object.entries(definition.forms ?? {})) {
		checkField(issues, form.schema as Schema, form.ui ?? {}, `forms.${name}.ui`, `form "${name}"`);
	}
	for (const [name, template] of Object.entries(definition.templates ?? {})) {
		check(issues, `templates.${name}`, `The template "${name}"`, template);
	}
	return issues;
}
