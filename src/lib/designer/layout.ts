import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Definition } from '../engine/definition';
import type { LayoutEntry } from './edits';
import { CONTAINER_KINDS, NODE_SIZE, definitionToGraph, type DesignerGraph } from './graph';

/** The part of an ELK instance layout needs (the bundled one in tests, the worker one in the page). */
export type ElkLike = { layout: (graph: ElkNode) => Promise<ElkNode> };

const ROOT_OPTIONS = {
	'elk.algorithm': 'layered',
	'elk.direction': 'DOWN',
	'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
	// Review loops (return → back to an earlier step) are laid out wrongly with the default.
	'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
	'elk.layered.spacing.nodeNodeBetweenLayers': '70',
	'elk.spacing.nodeNode': '50',
	'elk.spacing.edgeNode': '30',
	'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
	'elk.edgeRouting': 'SPLINES'
};
const CONTAINER_OPTIONS = { 'elk.padding': '[top=48,left=24,bottom=24,right=24]' };

/**
 * Whether the definition's layout is complete: every state placed and every container sized.
 * A complete layout is the designer's own and is kept; otherwise the designer lays out on open.
 */
export function hasCompleteLayout(definition: Definition): boolean {
	const graph = definitionToGraph(definition);
	return graph.nodes.every((node) => {
		const entry = definition.layout?.[node.id] as LayoutEntry | undefined;
		if (!entry) return false;
		return (
			!CONTAINER_KINDS.has(node.type) || (entry.width !== undefined && entry.height !== undefined)
		);
	});
}

/** Builds the ELK graph: containers hold their children, every edge at the root. */
export function toElkGraph(
	graph: Pick<DesignerGraph, 'nodes' | 'edges'>,
	sizes: ReadonlyMap<string, { width: number; height: number }> = new Map()
): ElkNode {
	const byParent = new Map<string, ElkNode[]>();
	const elkNodes = new Map<string, ElkNode>();
	for (const node of graph.nodes) {
		const size = sizes.get(node.id) ?? NODE_SIZE;
		const isContainer = CONTAINER_KINDS.has(node.type);
		const elk: ElkNode = isContainer
			? { id: node.id, layoutOptions: CONTAINER_OPTIONS, children: [] }
			: { id: node.id, width: size.width, height: size.height };
		elkNodes.set(node.id, elk);
		const parent = node.parentId ?? '';
		byParent.set(parent, [...(byParent.get(parent) ?? []), elk]);
	}
	for (const [parent, children] of byParent) {
		const container = parent ? elkNodes.get(parent) : undefined;
		if (container) container.children = children;
	}
	const edges: ElkExtendedEdge[] = graph.edges
		.filter((e) => e.source !== e.target)
		.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
	return { id: '__root', layoutOptions: ROOT_OPTIONS, children: byParent.get('') ?? [], edges };
}

/** Reads positions (relative to the parent, as xyflow wants) and container sizes from ELK. */
export function fromElkResult(result: ElkNode): Record<string, LayoutEntry> {
	const out: Record<string, LayoutEntry> = {};
	const visit = (nodes: ElkNode[] | undefined) => {
		for (const node of nodes ?? []) {
			const entry: LayoutEntry = { x: Math.round(node.x ?? 0), y: Math.round(node.y ?? 0) };
			if (node.children?.length) {
				entry.width = Math.round(node.width ?? NODE_SIZE.width);
				entry.height = Math.round(node.height ?? NODE_SIZE.height);
			}
			out[node.id] = entry;
			visit(node.children);
		}
	};
	visit(result.children);
	return out;
}

/** Lays a definition out with ELK and returns the layout entries to write. */
export async function computeLayout(
	elk: ElkLike,
	definition: Definition,
	sizes?: ReadonlyMap<string, { width: number; height: number }>
): Promise<Record<string, LayoutEntry>> {
	const graph = definitionToGraph(definition);
	return fromElkResult(await elk.layout(toElkGraph(graph, sizes)));
}
