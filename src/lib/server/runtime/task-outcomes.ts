type StateNodeConfig = { on?: Record<string, unknown>; states?: Record<string, StateNodeConfig> };

/**
 * The outcomes of a task: the events on the `on` of its state (docs/architecture.md). The
 * state path is dotted (`tracking.metrics.watching`).
 */
export function taskOutcomes(definition: unknown, statePath: string): string[] {
	let node = definition as StateNodeConfig | undefined;
	for (const key of statePath.split('.')) {
		node = node?.states?.[key];
		if (!node) return [];
	}
	return Object.keys(node?.on ?? {});
}
