import { createHash } from 'node:crypto';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FormIssue } from '../../components/forms/issues';
import { joinPath, type JsonSchema } from '../../components/forms/schema';
import { pointerToPath } from '../../components/forms/issues';

export type FormValidation =
	{ ok: true; value: Record<string, unknown> } | { ok: false; issues: FormIssue[] };

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
	addFormatsModule) as (ajv: Ajv) => Ajv;

const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false }));
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
	const key = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
	let validate = compiled.get(key);
	if (!validate) {
		if (compiled.size > 500) compiled.clear();
		validate = ajv.compile(schema);
		compiled.set(key, validate);
	}
	return validate;
}

const CODES = new Set<FormIssue['code']>([
	'required',
	'type',
	'minLength',
	'maxLength',
	'minimum',
	'maximum',
	'minItems',
	'maxItems',
	'enum',
	'format',
	'pattern'
]);

function toIssue(error: ErrorObject): FormIssue {
	const base = pointerToPath(error.instancePath);
	const params = error.params as Record<string, unknown>;
	if (error.keyword === 'required') {
		return { path: joinPath(base, String(params.missingProperty)), code: 'required' };
	}
	const code = CODES.has(error.keyword as FormIssue['code'])
		? (error.keyword as FormIssue['code'])
		: 'invalid';
	const limit = params.limit ?? params.format ?? params.type ?? params.pattern;
	return {
		path: base,
		code,
		...(typeof limit === 'number' || typeof limit === 'string' ? { limit } : {})
	};
}

/**
 * Validates a submitted form value against its JSON Schema: the server's truth. Errors come
 * with dotted field paths (`goals.0.title`) so the page shows each beside its field.
 */
export function validateForm(schema: JsonSchema, value: unknown): FormValidation {
	const validate = validatorFor(schema);
	if (validate(value)) return { ok: true, value: value as Record<string, unknown> };
	const seen = new Set<string>();
	const issues = (validate.errors ?? []).map(toIssue).filter((issue) => {
		const key = `${issue.path}|${issue.code}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	return { ok: false, issues };
}
