/**
 * A left-to-right tidy layout of the cascade for the mind map: each depth is a column, leaves
 * are stacked in order and a parent sits at the middle of its children. Pure, so the map renders
 * the same on the server and in the browser.
 */
import type { GoalNode } from './tree';

export type MapBox = { id: string; node: GoalNode; x: number; y: number };
export type MapEdge = { from: string; to: string; path: string };
export type MapLayout = { boxes: MapBox[]; edges: MapEdge[]; width: number; height: number };

export type MapSizes = { nodeWidth: number; nodeHeight: number; columnGap: number; rowGap: number };

export const DEFAULT_SIZES: MapSizes = {
	nodeWidth: 220,
	nodeHeight: 64,
	columnGap: 56,
	rowGap: 14
};

export function layoutMindMap(
	roots: readonly GoalNode[],
	sizes: MapSizes = DEFAULT_SIZES
): MapLayout {
	const boxes: MapBox[] = [];
	const edges: MapEdge[] = [];
	const step = sizes.nodeHeight + sizes.rowGap;
	let nextRow = 0;
	let maxDepth = 0;
	const place = (node: GoalNode, depth: number): number => {
		maxDepth = Math.max(maxDepth, depth);
		const x = depth * (sizes.nodeWidth + sizes.columnGap);
		let y: number;
		if (node.children.length === 0) {
			y = nextRow * step;
			nextRow++;
		} else {
			const childYs = node.children.map((child) => place(child, depth + 1));
			y = ((childYs[0] as number) + (childYs[childYs.length - 1] as number)) / 2;
		}
		boxes.push({ id: node.goal.id, node, x, y });
		for (const child of node.children) {
			const childBox = boxes.find((b) => b.id === child.goal.id) as MapBox;
			const x1 = x + sizes.nodeWidth;
			const y1 = y + sizes.nodeHeight / 2;
			const x2 = childBox.x;
			const y2 = childBox.y + sizes.nodeHeight / 2;
			const mid = (x1 + x2) / 2;
			edges.push({
				from: node.goal.id,
				to: child.goal.id,
				path: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`
			});
		}
		return y;
	};
	for (const root of roots) {
		place(root, 0);
		nextRow += 0.5; // a little air between separate cascades
	}
	return {
		boxes,
		edges,
		width: (maxDepth + 1) * sizes.nodeWidth + maxDepth * sizes.columnGap,
		height: Math.max(0, Math.ceil(nextRow - 0.5) * step - sizes.rowGap)
	};
}
