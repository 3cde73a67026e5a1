/**
 * The subset of JSON Schema that task forms use, the UI hints beside it, and the field model
 * the renderer walks. Pure: shared by the browser renderer and the server's form coercion.
 */
export type JsonSchema = {
	type?: string | string[];
	title?: string;
	description?: string;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
	enum?: unknown[];
	oneOf?: { const?: unknown; title?: string }[];
	minimum?: number;
	maximum?: number;
	exclusiveMinimum?: number;
	exclusiveMaximum?: number;
	minLength?: number;
	maxLength?: number;
	minItems?: number;
	maxItems?: number;
	uniqueItems?: boolean;
	format?: string;
	pattern?: string;
	default?: unknown;
	[key: string]: unknown;
};

/** Per-field hints (`ui:widget`, `ui:options`), nested like the data (arrays via `items`). */
export type UiHints = {
	'ui:widget'?: string;
	'ui:options'?: Record<string, unknown>;
	'ui:help'?: string;
	'ui:placeholder'?: string;
	items?: UiHints;
	[key: string]: unknown;
};

export type FormDefinition = { schema: JsonSchema; ui?: UiHints };

export const WIDGETS = [
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
export type Widget = (typeof WIDGETS)[number];

function primaryType(schema: JsonSchema): string | undefined {
	return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

export function isNumeric(schema: JsonSchema): boolean {
	const type = primaryType(schema);
	return type === 'number' || type === 'integer';
}

/** The choices of a single or multiple choice field. */
export function choicesOf(schema: JsonSchema): { value: string; label: string }[] {
	const source = primaryType(schema) === 'array' ? (schema.items ?? {}) : schema;
	if (source.oneOf) {
		return source.oneOf
			.filter((option) => option.const !== undefined)
			.map((option) => ({
				value: String(option.const),
				label: option.title ?? String(option.const)
			}));
	}
	return (source.enum ?? []).map((value) => ({ value: String(value), label: String(value) }));
}

/** Which widget renders a field: the hint when it names one, else what the schema implies. */
export function widgetOf(schema: JsonSchema, ui: UiHints = {}): Widget {
	const hinted = ui['ui:widget'];
	if (hinted && (WIDGETS as readonly string[]).includes(hinted)) return hinted as Widget;
	const type = primaryType(schema);
	if (type === 'array') {
		const items = schema.items ?? {};
		if (items.enum || items.oneOf) return 'checkboxes';
		return 'list';
	}
	if (type === 'object') return 'object';
	if (type === 'boolean') return 'checkbox';
	if (schema.enum || schema.oneOf)
		return (schema.enum ?? schema.oneOf ?? []).length <= 4 ? 'radio' : 'select';
	if (type === 'integer' && schema.minimum !== undefined && schema.maximum !== undefined) {
		if (schema.maximum - schema.minimum <= 9 && schema.minimum >= 0) return 'rating';
	}
	if (type === 'number' || type === 'integer') return 'number';
	if (schema.format === 'date') return 'date';
	return 'text';
}

/** Child hints of an object property or of array items. */
export function childUi(ui: UiHints | undefined, key: string | number): UiHints {
	if (!ui) return {};
	const child = typeof key === 'number' ? ui.items : ui[key];
	return child && typeof child === 'object' ? (child as UiHints) : {};
}

/**
 * The properties of an object in display order. Definitions are stored as jsonb, which does not
 * keep key order, so `ui:order` (an array, which keeps its order) decides; without it the
 * required fields come first, in the order `required` lists them.
 */
export function orderedProperties(schema: JsonSchema, ui: UiHints = {}): [string, JsonSchema][] {
	const entries = Object.entries(schema.properties ?? {});
	const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as unknown[]).map(String) : [];
	const required = schema.required ?? [];
	const rank = (key: string) => {
		const ordered = order.indexOf(key);
		if (ordered >= 0) return ordered;
		const needed = required.indexOf(key);
		return order.length + (needed >= 0 ? needed : required.length + entries.length);
	};
	return entries
		.map((entry, index) => ({ entry, index }))
		.sort((a, b) => rank(a.entry[0]) - rank(b.entry[0]) || a.index - b.index)
		.map(({ entry }) => entry);
}

/** `goals.0.title`: the path a field's errors, inputs and comments are keyed by. */
export function joinPath(parent: string, key: string | number): string {
	return parent ? `${parent}.${key}` : String(key);
}
