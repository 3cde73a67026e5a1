import { parseDefinition, type Definition, type Issue } from '../engine/definition';
import { compileExpression, type ExpressionIssue } from '../engine/expression';
import type { Registry } from '../engine/registry';
import { definitionVariables } from '../engine/variables';

/** A lint issue with the node and edge it belongs to, for markers and click-to-select. */
export type Problem = Issue & { nodeId?: string; edgeId?: string };

/** Places engine issues on their states and transitions. */
export function placeIssues(definition: Definition, issues: readonly Issue[]): Problem[] {
	const paths = statePaths(definition);
	return issues.map((issue) => ({ ...issue, ...placeIssue(issue.path, paths, definition) }));
}

/** The file-format check alone (zod, safe in the browser), placed like lint issues. */
export function formatProblems(definition: Definition): Problem[] | undefined {
	const parsed = parseDefinition(definition);
	return parsed.ok ? undefined : placeIssues(definition, parsed.issues);
}

function statePaths(definition: Definition): string[] {
	const out: string[] = [];
	const visit = (states: Definition['states'] | undefined, prefix: string) => {
		for (const [key, state] of Object.entries(states ?? {})) {
			const path = prefix ? `${prefix}.${key}` : key;
			out.push(path);
			visit(state.states, path);
		}
	};
	visit(definition.states, '');
	return out.sort((a, b) => b.length - a.length);
}

/** `a.b.on.submit.guard.params.expr` → node `a.b`, edge `a.b::on.submit`. */
export function placeIssue(
	path: string,
	paths: readonly string[],
	definition: Definition
): { nodeId?: string; edgeId?: string } {
	const formMatch = /^forms\.([^.]+)/.exec(path) ?? /^templates\.([^.]+)/.exec(path);
	if (formMatch) {
		const name = formMatch[1];
		const user = paths.find((p) => {
			const params = stateParams(definition, p);
			return params?.form === name || params?.title === name;
		});
		return user ? { nodeId: user } : {};
	}
	const state = paths.find((p) => path === p || path.startsWith(`${p}.`));
	if (!state) return {};
	const rest = path.slice(state.length + 1).split('.');
	const [slot, key, index] = rest;
	if (slot === 'on' || slot === 'after') {
		const withIndex =
			index !== undefined && /^\d+$/.test(index) ? `${slot}.${key}.${index}` : `${slot}.${key}`;
		return { nodeId: state, edgeId: `${state}::${withIndex}` };
	}
	if (slot === 'always' || slot === 'onDone') {
		return {
			nodeId: state,
			edgeId:
				key !== undefined && /^\d+$/.test(key) ? `${state}::${slot}.${key}` : `${state}::${slot}`
		};
	}
	return { nodeId: state };
}

function stateParams(definition: Definition, path: string): Record<string, unknown> | undefined {
	let states = definition.states;
	let params: Record<string, unknown> | undefined;
	for (const part of path.split('.')) {
		const state = states[part];
		if (!state) return undefined;
		params = state.meta?.params;
		states = state.states ?? {};
	}
	return params;
}

/** Checks a guard expression as it is typed, with the variables the definition declares. */
export function checkExpression(
	source: string,
	definition: Definition,
	registry: Registry
): { ok: true } | { ok: false; issues: ExpressionIssue[] } {
	if (source.trim() === '') return { ok: true };
	const result = compileExpression(source, {
		variables: definitionVariables(definition),
		functions: registry.functions
	});
	return result.ok ? { ok: true } : { ok: false, issues: result.issues };
}

/** The variables and functions an expression may use, for the "insert" list. */
export function expressionVocabulary(definition: Definition, registry: Registry): string[] {
	const variables = definitionVariables(definition)
		.map((v) => v.replace(/\.\*$/, ''))
		.filter((v, i, all) => all.indexOf(v) === i);
	const functions = Object.keys(registry.functions).map((name) => `${name}()`);
	return [...variables, ...functions];
}
