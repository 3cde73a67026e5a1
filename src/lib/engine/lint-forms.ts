import type { Definition, Issue } from './definition';
import { closeNames, formatHint } from './suggest';
import { UI_WIDGETS, type UiHints } from './ui-hints';

type Schema = {
	type?: unknown;
	properties?: Record<string, Schema>;
	required?: unknown;
	items?: Schema;
	[key: string]: unknown;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** `required` names that are not in `properties`: nobody can fill them in, so no one can submit. */
function checkRequired(issues: Issue[], schema: Schema, path: string) {
	const properties = isObject(schema.properties) ? Object.keys(schema.properties) : [];
	if (Array.isArray(schema.required)) {
		schema.required.forEach((name, index) => {
			if (typeof name !== 'string' || properties.includes(name)) return;
			issues.push({
				severity: 'error',
				code: 'unknown_required_field',
				path: `${path}.required.${index}`,
				message: `The required field "${name}" is not in properties`,
				hint: formatHint(closeNames(name, properties), properties)
			});
		});
	}
	for (const [key, child] of Object.entries(schema.properties ?? {})) {
		if (isObject(child)) checkRequired(issues, child, `${path}.properties.${key}`);
	}
	if (isObject(schema.items)) checkRequired(issues, schema.items, `${path}.items`);
}

/** Hints for fields the schema does not have, unknown widgets, and `ui:order` names. */
function checkHints(issues: Issue[], schema: Schema, ui: UiHints, path: string) {
	const properties = isObject(schema.properties) ? schema.properties : {};
	const names = Object.keys(properties);
	const widget = ui['ui:widget'];
	if (widget !== undefined && !(UI_WIDGETS as readonly string[]).includes(widget)) {
		issues.push({
			severity: 'warning',
			code: 'unknown_widget',
			path: `${path}.ui:widget`,
			message: `Unknown widget "${widget}": the form shows the default for the field's type`,
			hint: formatHint(closeNames(widget, [...UI_WIDGETS]), [...UI_WIDGETS])
		});
	}
	(ui['ui:order'] ?? []).forEach((name, index) => {
		if (names.includes(name)) return;
		issues.push({
			severity: 'warning',
			code: 'unknown_ui_field',
			path: `${path}.ui:order.${index}`,
			message: `ui:order names "${name}", which is not a field of the form`,
			hint: formatHint(closeNames(name, names), names)
		});
	});
	for (const [key, child] of Object.entries(ui)) {
		if (key.startsWith('ui:') || !isObject(child)) continue;
		if (key === 'items' && isObject(schema.items) && !names.includes('items')) {
			checkHints(issues, schema.items, child as UiHints, `${path}.items`);
		} else if (isObject(properties[key])) {
			checkHints(issues, properties[key] as Schema, child as UiHints, `${path}.${key}`);
		} else {
			issues.push({
				severity: 'warning',
				code: 'unknown_ui_field',
				path: `${path}.${key}`,
				message: `Hints for "${key}", which is not a field of the form`,
				hint: formatHint(closeNames(key, names), names)
			});
		}
	}
}

/** Form problems JSON Schema itself allows: unknown required fields, stray or unknown hints. */
export function lintForms(definition: Definition): Issue[] {
	const issues: Issue[] = [];
	for (const [name, form] of Object.entries(definition.forms ?? {})) {
		if (!isObject(form.schema)) continue;
		checkRequired(issues, form.schema as Schema, `forms.${name}.schema`);
		checkHints(issues, form.schema as Schema, form.ui ?? {}, `forms.${name}.ui`);
	}
	return issues;
}
