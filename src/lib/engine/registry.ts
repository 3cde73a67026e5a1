import type { ExpressionFunctions } from './expression';
import type {
	ActionDefinition,
	DelayDefinition,
	GuardDefinition,
	MetricSourceDefinition,
	NodeKindDefinition,
	Plugin
} from './plugin';

/** All plugins' contributions, keyed by the names definitions use. */
export type Registry = {
	plugins: readonly Plugin[];
	nodeKinds: ReadonlyMap<string, NodeKindDefinition>;
	actions: ReadonlyMap<string, ActionDefinition>;
	guards: ReadonlyMap<string, GuardDefinition>;
	delays: ReadonlyMap<string, DelayDefinition>;
	metricSources: ReadonlyMap<string, MetricSourceDefinition>;
	functions: ExpressionFunctions;
};

function qualify<T>(
	plugin: Plugin,
	entries: Readonly<Record<string, T>> | undefined,
	bare: boolean
) {
	return Object.entries(entries ?? {}).map(
		([name, value]) => [bare ? name : `${plugin.id}.${name}`, value] as const
	);
}

/**
 * Builds the registry definitions are resolved against. Actions, guards, delays and metric
 * sources are named `<pluginId>.<name>`; node kinds too, except the `core` plugin's (`task`).
 * @throws {Error} when two plugins share an id (a packaging bug).
 */
export function createRegistry(plugins: readonly Plugin[]): Registry {
	const ids = new Set<string>();
	for (const plugin of plugins) {
		if (ids.has(plugin.id)) throw new Error(`Duplicate plugin id: ${plugin.id}`);
		ids.add(plugin.id);
	}
	const collect = <T>(
		pick: (p: Plugin) => Readonly<Record<string, T>> | undefined,
		bareCore = false
	) => new Map(plugins.flatMap((p) => qualify(p, pick(p), bareCore && p.id === 'core')));
	const functions: Record<string, ExpressionFunctions[string]> = {};
	for (const plugin of plugins) Object.assign(functions, plugin.functions);
	return {
		plugins,
		nodeKinds: collect((p) => p.nodeKinds, true),
		actions: collect((p) => p.actions),
		guards: collect((p) => p.guards),
		delays: collect((p) => p.delays),
		metricSources: collect((p) => p.metricSources),
		functions
	};
}
