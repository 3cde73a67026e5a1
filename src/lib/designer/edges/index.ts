import TransitionEdge from './TransitionEdge.svelte';

export const edgeTypes = { transition: TransitionEdge };
