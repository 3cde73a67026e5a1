import type { DesignerEdge, DesignerNode } from './graph';
import type { Problem } from './problems';

export type ViewOptions = {
	problems: readonly Problem[];
	active?: ReadonlySet<string>;
	diff?: ReadonlyMap<string, 'added' | 'removed' | 'changed'>;
};

type Measured = { measured?: { width?: number; height?: number } };

/**
 * Decorates freshly mapped nodes for the canvas: lint counts, simulation highlight, diff
 * colours, and what xyflow already knows about the previous nodes (measured size, selection),
 * so re-mapping after an edit does not make nodes flicker or lose the selection.
 */
export function viewNodes(
	nodes: readonly DesignerNode[],
	previous: readonly (DesignerNode & Measured)[],
	options: ViewOptions
): (DesignerNode & Measured)[] {
	const before = new Map(previous.map((n) => [n.id, n]));
	const counts = new Map<string, number>();
	for (const p of options.problems) {
		if (p.nodeId && !p.edgeId && p.severity === 'error')
			counts.set(p.nodeId, (counts.get(p.nodeId) ?? 0) + 1);
	}
	return nodes.map((node) => {
		const old = before.get(node.id);
		const view: DesignerNode & Measured = {
			...node,
			data: {
				...node.data,
				problems: counts.get(node.id),
				isActive: options.active?.has(node.id) ?? false,
				diff: options.diff?.get(node.id)
			}
		};
		if (old?.measured) view.measured = old.measured;
		if (old?.selected) view.selected = true;
		if (node.parentId) view.extent = 'parent';
		if (node.width !== undefined) view.zIndex = -1;
		return view;
	});
}

export function viewEdges(
	edges: readonly DesignerEdge[],
	previous: readonly DesignerEdge[],
	options: ViewOptions
): (DesignerEdge & { markerEnd: { type: 'arrowclosed' }; zIndex: number })[] {
	const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
	const counts = new Map<string, number>();
	for (const p of options.problems) {
		if (p.edgeId && p.severity === 'error') counts.set(p.edgeId, (counts.get(p.edgeId) ?? 0) + 1);
	}
	return edges.map((edge) => ({
		...edge,
		...(selected.has(edge.id) ? { selected: true } : {}),
		markerEnd: { type: 'arrowclosed' as const },
		zIndex: 1,
		data: {
			...edge.data,
			problems: counts.get(edge.id),
			diff: options.diff?.get(`edge:${edge.id}`)
		}
	}));
}
