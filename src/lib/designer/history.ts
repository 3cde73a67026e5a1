/**
 * An undo/redo stack over immutable values (the designer keeps whole definitions: edits are
 * small and structural sharing keeps them cheap). Edits with the same `coalesce` key in a row
 * (typing in one field) merge into one step, so undo goes back a field, not a keystroke.
 */
export type History<T> = {
	readonly past: readonly T[];
	readonly present: T;
	readonly future: readonly T[];
	/** The coalescing key of the last edit. */
	readonly lastKey?: string;
};

export const HISTORY_LIMIT = 200;

export function createHistory<T>(present: T): History<T> {
	return { past: [], present, future: [] };
}

/** Records an edit; a new edit clears the redo branch. */
export function record<T>(
	history: History<T>,
	next: T,
	options: { coalesce?: string } = {}
): History<T> {
	if (Object.is(next, history.present)) return history;
	if (
		options.coalesce !== undefined &&
		options.coalesce === history.lastKey &&
		history.past.length > 0
	) {
		return { past: history.past, present: next, future: [], lastKey: options.coalesce };
	}
	const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
	return { past, present: next, future: [], lastKey: options.coalesce };
}

export function undo<T>(history: History<T>): History<T> {
	const previous = history.past.at(-1);
	if (previous === undefined) return history;
	return {
		past: history.past.slice(0, -1),
		present: previous,
		future: [history.present, ...history.future]
	};
}

export function redo<T>(history: History<T>): History<T> {
	const next = history.future[0];
	if (next === undefined) return history;
	return {
		past: [...history.past, history.present],
		present: next,
		future: history.future.slice(1)
	};
}

/** Replaces the present without an undo step (e.g. a layout computed on open). */
export function replacePresent<T>(history: History<T>, present: T): History<T> {
	return { ...history, present, lastKey: undefined };
}

export const canUndo = (history: History<unknown>) => history.past.length > 0;
export const canRedo = (history: History<unknown>) => history.future.length > 0;
