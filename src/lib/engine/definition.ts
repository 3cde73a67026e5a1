import { z } from 'zod';
import { uiHintsSchema } from './ui-hints';

/** Text in one language, or a map from locale to text. */
export const localizedSchema = z
	.union([z.string(), z.record(z.string(), z.string())])
	.describe('Text, or a map from locale (en, zh-CN) to text');

const paramsSchema = z.record(z.string(), z.unknown());

/** `{ "type": "core.setData", "params": {…} }` or just the name. */
export const namedRefSchema = z.union([
	z.string(),
	z.strictObject({ type: z.string(), params: paramsSchema.optional() })
]);

const actionsSchema = z.union([namedRefSchema, z.array(namedRefSchema)]);

export const transitionObjectSchema = z.strictObject({
	target: z.union([z.string(), z.array(z.string())]).optional(),
	guard: namedRefSchema.optional(),
	actions: actionsSchema.optional(),
	reenter: z.boolean().optional(),
	description: z.string().optional(),
	meta: z.record(z.string(), z.unknown()).optional()
});

const transitionSchema = z.union([z.string(), transitionObjectSchema]);
const transitionsSchema = z.union([transitionSchema, z.array(transitionSchema)]);

export const stateMetaSchema = z.looseObject({
	kind: z
		.string()
		.describe(
			'Node kind: task, approval, action, wait, decision, group, parallel, final, or <plugin>.<kind>'
		),
	params: paramsSchema.optional(),
	label: localizedSchema.optional().describe("The state's name on pages, per locale (en, zh-CN)")
});

export type NamedRef = z.infer<typeof namedRefSchema>;
export type TransitionObject = z.infer<typeof transitionObjectSchema>;
export type TransitionConfig = z.infer<typeof transitionsSchema>;
export type StateMeta = z.infer<typeof stateMetaSchema>;

/** One state of the statechart (the JSON subset of an XState v5 state config). */
export type StateConfig = {
	id?: string;
	type?: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
	initial?: string;
	history?: 'shallow' | 'deep';
	target?: string;
	description?: string;
	tags?: string[];
	meta?: StateMeta;
	entry?: NamedRef | NamedRef[];
	exit?: NamedRef | NamedRef[];
	on?: Record<string, TransitionConfig>;
	after?: Record<string, TransitionConfig>;
	always?: TransitionConfig;
	onDone?: TransitionConfig;
	output?: unknown;
	states?: Record<string, StateConfig>;
};

export const stateConfigSchema: z.ZodType<StateConfig> = z.lazy(() =>
	z.strictObject({
		id: z.string().optional(),
		type: z.enum(['atomic', 'compound', 'parallel', 'final', 'history']).optional(),
		initial: z.string().optional(),
		history: z.enum(['shallow', 'deep']).optional(),
		target: z.string().optional(),
		description: z.string().optional(),
		tags: z.array(z.string()).optional(),
		meta: stateMetaSchema.optional(),
		entry: actionsSchema.optional(),
		exit: actionsSchema.optional(),
		on: z.record(z.string(), transitionsSchema).optional(),
		after: z
			.record(z.string(), transitionsSchema)
			.optional()
			.describe('Keys are ISO-8601 durations (P7D, PT12H) or a delay name'),
		always: transitionsSchema.optional(),
		onDone: transitionsSchema.optional().describe('Taken when the state reaches a final child'),
		output: z.unknown().optional(),
		states: z.record(z.string(), stateConfigSchema).optional()
	})
);

export const formSchema = z.strictObject({
	schema: z.record(z.string(), z.unknown()).describe('JSON Schema of the form values'),
	ui: uiHintsSchema
		.optional()
		.describe(
			'Per-field UI hints: ui:widget, ui:order, per-locale ui:title, ui:description, ui:enumLabels'
		)
});

/** The whole file format of `workflows/<slug>.workflow.json`. */
export const definitionSchema = z.strictObject({
	$schema: z.string().optional(),
	id: z
		.string()
		.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use a slug: lowercase letters, digits and dashes'),
	version: z.string().optional(),
	name: localizedSchema,
	description: localizedSchema.optional(),
	data: z
		.record(z.string(), z.unknown())
		.optional()
		.describe('JSON Schema of the instance data; declares the expression variables data.*'),
	context: z.record(z.string(), z.unknown()).optional().describe('Initial instance data'),
	type: z.enum(['compound', 'parallel']).optional(),
	initial: z.string().optional(),
	states: z.record(z.string(), stateConfigSchema),
	on: z.record(z.string(), transitionsSchema).optional(),
	entry: actionsSchema.optional(),
	exit: actionsSchema.optional(),
	output: z.unknown().optional(),
	forms: z.record(z.string(), formSchema).optional(),
	templates: z
		.record(z.string(), localizedSchema)
		.optional()
		.describe('Handlebars templates by name, one text per locale (en, zh-CN)'),
	layout: z
		.record(z.string(), z.looseObject({ x: z.number(), y: z.number() }))
		.optional()
		.describe('Designer node positions by dotted state path')
});

/** A parsed workflow definition. */
export type Definition = z.infer<typeof definitionSchema>;

/** A problem with a path to the offending part and, where possible, a fix hint. */
export type Issue = {
	severity: 'error' | 'warning';
	code: string;
	path: string;
	message: string;
	hint?: string;
};

export type ParseDefinitionResult =
	{ ok: true; value: Definition } | { ok: false; issues: Issue[] };

/**
 * Shortens a JSON path: `states.tracking.states.metrics.on.x` → `tracking.metrics.on.x`.
 * Paths outside `states` are joined as they are (`forms.goals.schema`).
 */
export function formatPath(path: readonly PropertyKey[]): string {
	const parts = path.map(String);
	if (parts[0] !== 'states') return parts.join('.');
	const out: string[] = [];
	for (let i = 0; i < parts.length; i += 1) {
		if (
			parts[i] === 'states' &&
			i % 2 === 0 &&
			parts[i + 1] !== undefined &&
			isStatesRun(parts, i)
		) {
			out.push(parts[i + 1] as string);
			i += 1;
		} else {
			out.push(...parts.slice(i));
			break;
		}
	}
	return out.join('.');
}

function isStatesRun(parts: string[], index: number): boolean {
	for (let i = 0; i < index; i += 2) if (parts[i] !== 'states') return false;
	return true;
}

/** Checks a JSON value against the file format; issues carry shortened paths. */
export function parseDefinition(json: unknown): ParseDefinitionResult {
	const result = definitionSchema.safeParse(json);
	if (result.success) return { ok: true, value: result.data };
	return {
		ok: false,
		issues: result.error.issues.map((issue) => ({
			severity: 'error',
			code: `schema_${issue.code}`,
			path: formatPath(issue.path) || '(root)',
			message: issue.message,
			hint: 'keys' in issue ? `Unexpected keys: ${issue.keys.join(', ')}` : undefined
		}))
	};
}
