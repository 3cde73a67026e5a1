import Handlebars from 'handlebars';
import { isAssigneeExpression } from './assignee';
import type { IndexedState } from './compile';
import type { Definition, Issue, NamedRef, StateConfig } from './definition';
import { isIsoDuration } from './duration';
import { compileExpression, type ExpressionFunctions } from './expression';
import { paramProblems, schemaProblem } from './json-schema-check';
import { joinPath, rootConfig, transitionsOf } from './lint-graph';
import type { JsonSchema, ParamReference } from './plugin';
import type { Registry } from './registry';
import { closeNames, formatHint } from './suggest';
import { definitionVariables } from './variables';

type Context = {
	definition: Definition;
	registry: Registry;
	variables: string[];
	functions: ExpressionFunctions;
	issues: Issue[];
};

function unknownName(
	ctx: Context,
	code: string,
	path: string,
	what: string,
	name: string,
	known: string[]
) {
	ctx.issues.push({
		severity: 'error',
		code,
		path,
		message: `Unknown ${what}: ${name}`,
		hint: formatHint(closeNames(name, known), known)
	});
}

function checkExpressions(ctx: Context, path: string, refs: ParamReference[]) {
	for (const ref of refs) {
		const result = compileExpression(ref.source, {
			variables: ctx.variables,
			functions: ctx.functions
		});
		if (result.ok) continue;
		for (const issue of result.issues) {
			ctx.issues.push({
				severity: 'error',
				code: 'bad_expression',
				path: `${path}.${ref.path}`,
				message: `${issue.message} in \`${ref.source}\``,
				hint: issue.hint
			});
		}
	}
}

function checkTemplates(ctx: Context, path: string, refs: ParamReference[]) {
	const known = Object.keys(ctx.definition.templates ?? {});
	for (const ref of refs) {
		if (!known.includes(ref.source)) {
			unknownName(ctx, 'unknown_template', `${path}.${ref.path}`, 'template', ref.source, known);
		}
	}
}

function checkParams(ctx: Context, path: string, schema: JsonSchema | undefined, params: unknown) {
	for (const problem of paramProblems(schema, params)) {
		ctx.issues.push({
			severity: 'error',
			code: 'bad_params',
			path,
			message: `Parameter ${problem}`
		});
	}
}

function checkRef(ctx: Context, path: string, ref: NamedRef, kind: 'action' | 'guard') {
	const type = typeof ref === 'string' ? ref : ref.type;
	const params = typeof ref === 'string' ? {} : (ref.params ?? {});
	const table = kind === 'action' ? ctx.registry.actions : ctx.registry.guards;
	const definition = table.get(type);
	if (!definition) {
		unknownName(ctx, `unknown_${kind}`, path, kind, type, [...table.keys()]);
		return;
	}
	checkParams(ctx, path, definition.params, params);
	checkExpressions(ctx, path, definition.expressionsOf?.(params) ?? []);
	checkTemplates(ctx, path, definition.templatesOf?.(params) ?? []);
}

function checkState(ctx: Context, state: IndexedState) {
	const { path, config } = state;
	const kinds = ctx.registry.nodeKinds;
	if (!state.kind) {
		ctx.issues.push({
			severity: 'warning',
			code: 'missing_kind',
			path: `${path}.meta.kind`,
			message: 'The state has no node kind',
			hint: 'Set meta.kind so the designer knows how to draw it'
		});
	} else if (!kinds.has(state.kind)) {
		unknownName(ctx, 'unknown_kind', `${path}.meta.kind`, 'node kind', state.kind, [
			...kinds.keys()
		]);
	} else {
		const kind = kinds.get(state.kind);
		checkParams(ctx, `${path}.meta.params`, kind?.params, state.params);
		checkExpressions(ctx, `${path}.meta.params`, kind?.expressionsOf?.(state.params) ?? []);
		checkTemplates(ctx, `${path}.meta.params`, kind?.templatesOf?.(state.params) ?? []);
		const forms = Object.keys(ctx.definition.forms ?? {});
		for (const ref of kind?.formsOf?.(state.params) ?? []) {
			if (!forms.includes(ref.source)) {
				unknownName(
					ctx,
					'unknown_form',
					`${path}.meta.params.${ref.path}`,
					'form',
					ref.source,
					forms
				);
			}
		}
		if (kind?.isTask) checkTask(ctx, state);
		const actual = config.type ?? (config.states ? 'compound' : 'atomic');
		if (kind?.stateType && kind.stateType !== actual) {
			ctx.issues.push({
				severity: 'error',
				code: 'kind_type_mismatch',
				path,
				message: `A ${state.kind} node must be a ${kind.stateType} state, not ${actual}`,
				hint: kind.stateType === 'atomic' ? undefined : `Set "type": "${kind.stateType}"`
			});
		}
	}
	checkHooks(ctx, path, config);
	for (const key of Object.keys(config.after ?? {})) {
		if (!isIsoDuration(key) && !ctx.registry.delays.has(key)) {
			ctx.issues.push({
				severity: 'error',
				code: 'unknown_delay',
				path: `${path}.after.${key}`,
				message: `"${key}" is neither an ISO-8601 duration nor a known delay`,
				hint: formatHint(closeNames(key, [...ctx.registry.delays.keys()]), ['P7D', 'PT12H', 'P1M'])
			});
		}
	}
}

/** Guards and actions of a state's transitions and its entry/exit (path '' is the root). */
function checkHooks(ctx: Context, path: string, config: StateConfig) {
	for (const t of transitionsOf(path, config)) {
		const at = joinPath(path, t.at);
		if (t.guard) checkRef(ctx, `${at}.guard`, t.guard, 'guard');
		t.actions.forEach((a, i) => checkRef(ctx, `${at}.actions.${i}`, a, 'action'));
	}
	for (const hook of ['entry', 'exit'] as const) {
		const list = config[hook];
		const refs = list === undefined ? [] : Array.isArray(list) ? list : [list];
		refs.forEach((a, i) => checkRef(ctx, joinPath(path, `${hook}.${i}`), a, 'action'));
	}
}

function checkTask(ctx: Context, state: IndexedState) {
	const { assignee, due } = state.params;
	const base = `${state.path}.meta.params`;
	if (typeof assignee !== 'string' || assignee === '') {
		ctx.issues.push({
			severity: 'error',
			code: 'missing_assignee',
			path: `${base}.assignee`,
			message: 'A task needs an assignee',
			hint: 'Use subject, subject.manager, subject.manager.manager or role:<role>'
		});
	} else if (!isAssigneeExpression(assignee)) {
		ctx.issues.push({
			severity: 'error',
			code: 'bad_assignee',
			path: `${base}.assignee`,
			message: `Unknown assignee "${assignee}"`,
			hint: 'Use subject, subject.manager, subject.manager.manager or role:<role>'
		});
	}
	if (due !== undefined && (typeof due !== 'string' || !isIsoDuration(due))) {
		ctx.issues.push({
			severity: 'error',
			code: 'bad_duration',
			path: `${base}.due`,
			message: `"${String(due)}" is not an ISO-8601 duration`,
			hint: 'For example P14D (14 days) or PT12H (12 hours)'
		});
	}
}

/** Forms that are not valid JSON Schema, and templates that do not parse. */
function checkFormsAndTemplates(ctx: Context) {
	for (const [name, form] of Object.entries(ctx.definition.forms ?? {})) {
		const problem = schemaProblem(form.schema);
		if (problem) {
			ctx.issues.push({
				severity: 'error',
				code: 'bad_form_schema',
				path: `forms.${name}.schema`,
				message: `The form is not valid JSON Schema: ${problem}`
			});
		}
	}
	if (ctx.definition.data) {
		const problem = schemaProblem(ctx.definition.data);
		if (problem) {
			ctx.issues.push({
				severity: 'error',
				code: 'bad_data_schema',
				path: 'data',
				message: problem
			});
		}
	}
	for (const [name, template] of Object.entries(ctx.definition.templates ?? {})) {
		const texts = typeof template === 'string' ? { '': template } : template;
		for (const [locale, text] of Object.entries(texts)) {
			try {
				Handlebars.parse(text);
			} catch (error) {
				ctx.issues.push({
					severity: 'error',
					code: 'bad_template',
					path: locale ? `templates.${name}.${locale}` : `templates.${name}`,
					message: `The template does not parse: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
					hint: 'Check that every {{ has a matching }} and every {{#block}} is closed'
				});
			}
		}
	}
}

/** Names, parameters, expressions, forms and templates of a definition. */
export function lintReferences(
	definition: Definition,
	registry: Registry,
	states: ReadonlyMap<string, IndexedState>,
	functions: ExpressionFunctions = {}
): Issue[] {
	const ctx: Context = {
		definition,
		registry,
		variables: definitionVariables(definition),
		functions: { ...registry.functions, ...functions },
		issues: []
	};
	checkHooks(ctx, '', rootConfig(definition));
	for (const state of states.values()) checkState(ctx, state);
	checkFormsAndTemplates(ctx);
	return ctx.issues;
}
