import type { Definition } from '../engine/definition';

type Form = NonNullable<Definition['forms']>[string];

export const FIELD_TYPES = ['string', 'text', 'number', 'integer', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One field of a task form as the form builder edits it. */
export type FormField = {
	name: string;
	title: string;
	type: FieldType;
	isRequired: boolean;
	minimum?: number;
	maximum?: number;
	description?: string;
	/** The rest of the property's schema (kept as it was). */
	extra: Record<string, unknown>;
};

const OWN = new Set(['title', 'type', 'minimum', 'maximum', 'description']);

/** Reads the fields of a form (properties in order; a textarea hint makes a `text` field). */
export function formFields(form: Form | undefined): FormField[] {
	const schema = form?.schema ?? {};
	const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
	const required = new Set((schema.required ?? []) as string[]);
	const ui = (form?.ui ?? {}) as Record<string, Record<string, unknown>>;
	return Object.entries(properties).map(([name, prop]) => {
		const raw = String(prop.type ?? 'string');
		const isText = raw === 'string' && ui[name]?.['ui:widget'] === 'textarea';
		const type: FieldType = isText
			? 'text'
			: (FIELD_TYPES as readonly string[]).includes(raw)
				? (raw as FieldType)
				: 'string';
		return {
			name,
			title: typeof prop.title === 'string' ? prop.title : name,
			type,
			isRequired: required.has(name),
			...(typeof prop.minimum === 'number' ? { minimum: prop.minimum } : {}),
			...(typeof prop.maximum === 'number' ? { maximum: prop.maximum } : {}),
			...(typeof prop.description === 'string' ? { description: prop.description } : {}),
			extra: Object.fromEntries(Object.entries(prop).filter(([k]) => !OWN.has(k)))
		};
	});
}

/** Writes fields back into a form, keeping the form's other schema keys and UI hints. */
export function withFields(form: Form | undefined, fields: readonly FormField[]): Form {
	const schema = { ...(form?.schema ?? { type: 'object' }) } as Record<string, unknown>;
	const ui = { ...((form?.ui ?? {}) as Record<string, Record<string, unknown>>) };
	const properties: Record<string, unknown> = {};
	for (const field of fields) {
		const isNumber = field.type === 'number' || field.type === 'integer';
		properties[field.name] = {
			...field.extra,
			type: field.type === 'text' ? 'string' : field.type,
			title: field.title,
			...(isNumber && field.minimum !== undefined ? { minimum: field.minimum } : {}),
			...(isNumber && field.maximum !== undefined ? { maximum: field.maximum } : {}),
			...(field.description ? { description: field.description } : {})
		};
		const hints = { ...(ui[field.name] ?? {}) };
		if (field.type === 'text') hints['ui:widget'] = 'textarea';
		else delete hints['ui:widget'];
		if (Object.keys(hints).length) ui[field.name] = hints;
		else delete ui[field.name];
	}
	for (const name of Object.keys(ui))
		if (!name.startsWith('ui:') && !(name in properties)) delete ui[name];
	// The renderer follows `ui:order` when there is one: keep it in the builder's order.
	if (Array.isArray(ui['ui:order']))
		(ui as Record<string, unknown>)['ui:order'] = fields.map((f) => f.name);
	schema.properties = properties;
	const required = fields.filter((f) => f.isRequired).map((f) => f.name);
	if (required.length) schema.required = required;
	else delete schema.required;
	return Object.keys(ui).length ? { schema, ui } : { schema };
}

/** A field name not used yet: `field`, `field2`, … */
export function freeFieldName(fields: readonly FormField[], base = 'field'): string {
	const used = new Set(fields.map((f) => f.name));
	if (!used.has(base)) return base;
	for (let i = 2; ; i += 1) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

/** Moves a field up (-1) or down (+1). */
export function moveField(fields: readonly FormField[], index: number, by: -1 | 1): FormField[] {
	const to = index + by;
	if (to < 0 || to >= fields.length) return [...fields];
	const copy = [...fields];
	const [field] = copy.splice(index, 1);
	if (field) copy.splice(to, 0, field);
	return copy;
}
