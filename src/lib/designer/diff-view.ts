import type { Definition } from '../engine/definition';
import type { DefinitionDiff } from '../engine/diff';
import { definitionToGraph, edgeIdOf, type DesignerGraph } from './graph';

/**
 * One graph showing both versions: the newer one, plus the states and transitions only the
 * older one had (drawn as removed), with a marker per node and edge for the canvas.
 */
export function diffGraph(
	before: Definition,
	after: Definition,
	diff: DefinitionDiff
): {
	definition: Definition;
	marks: Map<string, 'added' | 'removed' | 'changed'>;
} {
	const marks = new Map<string, 'added' | 'removed' | 'changed'>();
	for (const path of diff.states.added) marks.set(path, 'added');
	for (const change of diff.states.changed) marks.set(change.path, 'changed');
	for (const path of diff.states.removed) marks.set(path, 'removed');
	const edgeId = (t: { from: string; at: string }) => `edge:${t.from}::${t.at}`;
	for (const t of diff.transitions.added) marks.set(edgeId(t), 'added');
	for (const c of diff.transitions.changed) marks.set(edgeId(c.after), 'changed');
	for (const t of diff.transitions.removed) marks.set(edgeId(t), 'removed');
	// Removed top-level states are put back (with their layout) so the reader sees what went.
	const states = { ...after.states };
	const layout = { ...after.layout };
	for (const path of diff.states.removed) {
		if (path.includes('.')) continue;
		const state = before.states[path];
		if (state) states[path] = state;
		const at = before.layout?.[path];
		if (at) layout[path] = at;
	}
	return { definition: { ...after, states, layout }, marks };
}

export { edgeIdOf, definitionToGraph, type DesignerGraph };
