import { indexStates, type IndexedState } from './compile';
import type { Definition, Issue } from './definition';
import type { ExpressionFunctions } from './expression';
import { lintForms } from './lint-forms';
import { lintReachability, lintTargets, rootConfig } from './lint-graph';
import { lintTranslations } from './lint-i18n';
import { lintReferences } from './lint-references';
import type { Registry } from './registry';

function lintDuplicateIds(states: ReadonlyMap<string, IndexedState>): Issue[] {
	const seen = new Map<string, string>();
	const issues: Issue[] = [];
	for (const state of states.values()) {
		const id = state.config.id;
		if (id === undefined) continue;
		const first = seen.get(id);
		if (first) {
			issues.push({
				severity: 'error',
				code: 'duplicate_id',
				path: `${state.path}.id`,
				message: `The id "${id}" is already used by ${first}`,
				hint: 'State ids must be unique in a definition'
			});
		} else seen.set(id, state.path);
	}
	return issues;
}

/**
 * Checks a parsed definition against the registry: graph (targets, reachability, dead
 * ends), names (node kinds, actions, guards, delays), parameters, expressions, tasks,
 * forms and templates, the root's own `on`/`entry`/`exit`, and (warnings) texts missing an
 * `en` or `zh-CN` entry. Issues are sorted by path.
 */
export function lintDefinition(
	definition: Definition,
	registry: Registry,
	options: { functions?: ExpressionFunctions } = {}
): Issue[] {
	const states = indexStates(definition.states);
	const issues = [
		...lintDuplicateIds(states),
		...lintTargets(states, rootConfig(definition)),
		...lintReachability(definition, states),
		...lintReferences(definition, registry, states, options.functions),
		...lintForms(definition),
		...lintTranslations(definition, states)
	];
	return issues.sort((a, b) => a.path.localeCompare(b.path));
}
