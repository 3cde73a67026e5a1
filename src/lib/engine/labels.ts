import type { Definition, StateConfig } from './definition';
import { localize, type Localized } from './localize';

/** A task outcome as declared: the event, its per-locale label, whether it needs a comment. */
export type OutcomeInfo = { event: string; label?: Localized; requiresComment: boolean };

type OutcomeParams = Record<string, { label?: Localized; requiresComment?: boolean } | undefined>;

/** The state at a dotted path (`tracking.feedback.checkIn`), if there is one. */
export function stateAt(
	definition: Pick<Definition, 'states'>,
	path: string
): StateConfig | undefined {
	let states: Record<string, StateConfig> | undefined = definition.states;
	let node: StateConfig | undefined;
	for (const key of path.split('.')) {
		node = states?.[key];
		if (!node) return undefined;
		states = node.states;
	}
	return node;
}

/** A state's label in a locale (`meta.label`), else its key made readable (`goalSetting` → "Goal setting"). */
export function stateLabel(
	definition: Pick<Definition, 'states'>,
	path: string,
	locale: string
): string {
	const label = localize(stateAt(definition, path)?.meta?.label, locale);
	if (label) return label;
	const key = path.slice(path.lastIndexOf('.') + 1);
	const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The outcomes of a task state: the events of its `on`, with the label and `requiresComment`
 * of `meta.params.outcomes.<event>`; outcomes that need no comment first (jsonb loses key order).
 */
export function outcomesOf(definition: Pick<Definition, 'states'>, path: string): OutcomeInfo[] {
	const state = stateAt(definition, path);
	const declared = (state?.meta?.params?.outcomes ?? {}) as OutcomeParams;
	return Object.keys(state?.on ?? {})
		.map((event): OutcomeInfo => {
			const info = declared[event];
			return {
				event,
				...(info?.label !== undefined ? { label: info.label } : {}),
				requiresComment: info?.requiresComment === true
			};
		})
		.sort((a, b) => Number(a.requiresComment) - Number(b.requiresComment));
}
