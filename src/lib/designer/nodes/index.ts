import ActionNode from './ActionNode.svelte';
import ApprovalNode from './ApprovalNode.svelte';
import DecisionNode from './DecisionNode.svelte';
import FinalNode from './FinalNode.svelte';
import GroupNode from './GroupNode.svelte';
import ParallelNode from './ParallelNode.svelte';
import TaskNode from './TaskNode.svelte';
import WaitNode from './WaitNode.svelte';

/** Node components by the type `nodeTypeFor` gives (plugin kinds render as tasks). */
export const nodeTypes = {
	task: TaskNode,
	approval: ApprovalNode,
	action: ActionNode,
	wait: WaitNode,
	decision: DecisionNode,
	final: FinalNode,
	group: GroupNode,
	parallel: ParallelNode
};
