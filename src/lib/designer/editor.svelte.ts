import type { Definition } from '../engine/definition';
import type { Registry } from '../engine/registry';
import {
	canRedo,
	canUndo,
	createHistory,
	record,
	redo,
	replacePresent,
	undo,
	type History
} from './history';
import { formatProblems, type Problem } from './problems';

/**
 * The designer's model: the definition under edit with its undo history, and the live lint
 * of it. Components call `apply` with the result of a pure edit from `edits.ts`.
 */
export class Editor {
	history: History<Definition> = $state.raw(createHistory({ id: 'x', name: '', states: {} }));
	/** Bumped on every change, so autosave can tell saved from unsaved. */
	revision = $state(0);
	readonly registry: Registry;
	readonly readOnly: boolean;

	definition: Definition = $derived(this.history.present);
	/** Lint of the definition, set by the workspace from the server's check (same engine code). */
	lint = $state.raw<{ definition: Definition; problems: Problem[] } | undefined>();
	/** Format problems show at once; lint problems as soon as the check of this revision is back. */
	problems: Problem[] = $derived.by(
		() => formatProblems(this.history.present) ?? this.lint?.problems ?? []
	);
	/** Whether the problems shown belong to the definition shown. */
	isChecked = $derived(this.lint?.definition === this.history.present);
	errorCount = $derived(this.problems.filter((p) => p.severity === 'error').length);
	canUndo = $derived(canUndo(this.history));
	canRedo = $derived(canRedo(this.history));

	constructor(definition: Definition, registry: Registry, options: { readOnly?: boolean } = {}) {
		this.registry = registry;
		this.readOnly = options.readOnly ?? false;
		this.history = createHistory(definition);
	}

	/** Records an edit (edits with the same `coalesce` key in a row are one undo step). */
	apply(next: Definition, coalesce?: string) {
		if (this.readOnly || next === this.history.present) return;
		this.history = record(this.history, next, { coalesce });
		this.revision += 1;
	}

	/** Replaces the definition without an undo step (the layout computed on open). */
	replace(next: Definition) {
		this.history = replacePresent(this.history, next);
		this.revision += 1;
	}

	/** Starts over from a definition (a version opened, an import). */
	reset(definition: Definition) {
		this.history = createHistory(definition);
		this.revision += 1;
	}

	undo() {
		this.history = undo(this.history);
		this.revision += 1;
	}

	redo() {
		this.history = redo(this.history);
		this.revision += 1;
	}
}
