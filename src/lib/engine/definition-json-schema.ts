import { z } from 'zod';
import { definitionSchema } from './definition';

/** The JSON Schema of the definition file format, as committed in workflows/definition.schema.json. */
export function definitionJsonSchema(): Record<string, unknown> {
	const schema = z.toJSONSchema(definitionSchema, {
		target: 'draft-2020-12',
		unrepresentable: 'any'
	});
	return {
		...schema,
		$id: 'https://loopwork.dev/schema/definition.schema.json',
		title: 'Loopwork workflow definition',
		description:
			'An XState v5 machine config with meta.kind per state, forms (JSON Schema), templates (Handlebars) and layout'
	};
}

/** The committed file's text: pretty JSON with a trailing newline. */
export function definitionJsonSchemaText(): string {
	return `${JSON.stringify(definitionJsonSchema(), null, '\t')}\n`;
}
