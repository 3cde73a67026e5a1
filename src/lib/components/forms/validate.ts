import type { FormIssue } from './issues';
import { joinPath, type JsonSchema } from './schema';

/**
 * The browser's quick check of a form value against the keywords task forms use. Ajv is the
 * truth on the server; here it cannot run, because it compiles schemas with `new Function`,
 * which the app's CSP (no unsafe-eval) refuses. Unknown keywords are left to the server.
 */
export function validateValue(schema: JsonSchema, value: unknown, path = ''): FormIssue[] {
	if (value === undefined) return [];
	const types =
		schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
	if (types.length && !types.some((type) => hasType(value, type))) {
		return [{ path, code: 'type', limit: types.join('|') }];
	}
	const issues: FormIssue[] = [];
	if (schema.enum && !schema.enum.some((option) => option === value))
		issues.push({ path, code: 'enum' });
	if (typeof value === 'string') {
		if (schema.minLength !== undefined && [...value].length < schema.minLength)
			issues.push({ path, code: 'minLength', limit: schema.minLength });
		if (schema.maxLength !== undefined && [...value].length > schema.maxLength)
			issues.push({ path, code: 'maxLength', limit: schema.maxLength });
		if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value))
			issues.push({ path, code: 'format', limit: 'date' });
		if (schema.format === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value))
			issues.push({ path, code: 'format', limit: 'email' });
	}
	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum)
			issues.push({ path, code: 'minimum', limit: schema.minimum });
		if (schema.maximum !== undefined && value > schema.maximum)
			issues.push({ path, code: 'maximum', limit: schema.maximum });
	}
	if (Array.isArray(value)) {
		if (schema.minItems !== undefined && value.length < schema.minItems)
			issues.push({ path, code: 'minItems', limit: schema.minItems });
		if (schema.maxItems !== undefined && value.length > schema.maxItems)
			issues.push({ path, code: 'maxItems', limit: schema.maxItems });
		if (schema.items) {
			const items = schema.items;
			value.forEach((item, index) =>
				issues.push(...validateValue(items, item, joinPath(path, index)))
			);
		}
	}
	if (isRecord(value)) {
		for (const key of schema.required ?? []) {
			if (value[key] === undefined) issues.push({ path: joinPath(path, key), code: 'required' });
		}
		for (const [key, child] of Object.entries(schema.properties ?? {})) {
			issues.push(...validateValue(child, value[key], joinPath(path, key)));
		}
	}
	return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
	switch (type) {
		case 'string':
			return typeof value === 'string';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'array':
			return Array.isArray(value);
		case 'object':
			return isRecord(value);
		case 'null':
			return value === null;
		default:
			return true;
	}
}
