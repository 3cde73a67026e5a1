import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import type { JsonSchema } from './plugin';

// The JSON Schema draft-07 meta-schema. Validation is interpreted (no code generation), so
// the same lint runs under a CSP without unsafe-eval, in the designer's page as on the server.
const schemaRef = { $ref: '#' };
const schemaArray = { type: 'array', minItems: 1, items: schemaRef };
const nonNegative = { type: 'integer', minimum: 0 };
const simpleTypes = { enum: ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'] };
const stringArray = { type: 'array', items: { type: 'string' }, uniqueItems: true };
const schemaMap = { type: 'object', additionalProperties: schemaRef };
const META_SCHEMA = {
	$id: 'http://json-schema.org/draft-07/schema#',
	type: ['object', 'boolean'],
	properties: {
		$id: { type: 'string', format: 'uri-reference' },
		$schema: { type: 'string', format: 'uri' },
		$ref: { type: 'string', format: 'uri-reference' },
		$comment: { type: 'string' },
		title: { type: 'string' },
		description: { type: 'string' },
		readOnly: { type: 'boolean' },
		examples: { type: 'array' },
		multipleOf: { type: 'number', exclusiveMinimum: 0 },
		maximum: { type: 'number' },
		exclusiveMaximum: { type: 'number' },
		minimum: { type: 'number' },
		exclusiveMinimum: { type: 'number' },
		maxLength: nonNegative,
		minLength: nonNegative,
		pattern: { type: 'string', format: 'regex' },
		additionalItems: schemaRef,
		items: { anyOf: [schemaRef, schemaArray] },
		maxItems: nonNegative,
		minItems: nonNegative,
		uniqueItems: { type: 'boolean' },
		contains: schemaRef,
		maxProperties: nonNegative,
		minProperties: nonNegative,
		required: stringArray,
		additionalProperties: schemaRef,
		definitions: schemaMap,
		properties: schemaMap,
		patternProperties: { ...schemaMap, propertyNames: { format: 'regex' } },
		dependencies: {
			type: 'object',
			additionalProperties: { anyOf: [schemaRef, stringArray] }
		},
		propertyNames: schemaRef,
		enum: { type: 'array', minItems: 1, uniqueItems: true },
		type: {
			anyOf: [simpleTypes, { type: 'array', items: simpleTypes, minItems: 1, uniqueItems: true }]
		},
		format: { type: 'string' },
		contentMediaType: { type: 'string' },
		contentEncoding: { type: 'string' },
		if: schemaRef,
		then: schemaRef,
		else: schemaRef,
		allOf: schemaArray,
		anyOf: schemaArray,
		oneOf: schemaArray,
		not: schemaRef
	}
} as Schema;
const metaValidator = new Validator(META_SCHEMA, '7', false);
const validators = new WeakMap<JsonSchema, Validator>();

/**
 * The most specific errors: the keyword that failed, not every schema around it; a failed
 * anyOf/oneOf speaks for its branches.
 */
function leafErrors(errors: OutputUnit[]): OutputUnit[] {
	const under = (e: OutputUnit, o: OutputUnit) =>
		o !== e && e.keywordLocation.startsWith(`${o.keywordLocation}/`);
	const choices = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
	const kept = errors.filter((e) => !choices.some((c) => under(e, c)));
	return kept.filter((e) => !kept.some((o) => under(o, e)));
}

function describe(errors: OutputUnit[]): string[] {
	return leafErrors(errors).map((e) => {
		const at = e.instanceLocation.replace(/^#/, '');
		return `${at || '(root)'}: ${e.error}`;
	});
}

/** The error message when a value is not valid JSON Schema (draft-07). */
export function schemaProblem(schema: unknown): string | undefined {
	const result = metaValidator.validate(schema);
	if (result.valid) return undefined;
	return describe(result.errors).join('; ');
}

/** Why `params` do not match a parameter schema (none: valid). */
export function paramProblems(schema: JsonSchema | undefined, params: unknown): string[] {
	if (!schema) return [];
	let validator = validators.get(schema);
	if (!validator) {
		validator = new Validator(schema as Schema, '7', false);
		validators.set(schema, validator);
	}
	const result = validator.validate(params ?? {});
	if (result.valid) return [];
	return leafErrors(result.errors).map(
		(e) => `${e.instanceLocation.replace(/^#/, '') || 'params'} ${e.error}`
	);
}
