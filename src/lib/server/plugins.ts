import { createRegistry, type Registry } from '../engine/registry';
import type { Plugin } from '../engine/plugin';

type PluginModule = { default?: unknown };

function isPlugin(value: unknown): value is Plugin {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Plugin).id === 'string' &&
		typeof (value as Plugin).version === 'string'
	);
}

function fromModules(modules: Record<string, PluginModule>): Plugin[] {
	return Object.entries(modules)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([file, module]) => {
			if (!isPlugin(module.default)) {
				throw new Error(`${file} must export default definePlugin({ id, version, … })`);
			}
			return module.default;
		});
}

/**
 * Under Vite (the app, vitest) the plugins are bundled at build time: Vite rewrites the
 * literal `import.meta.glob` call. Under plain Node it does not exist and the call throws.
 */
function viteModules(): Record<string, PluginModule> | undefined {
	try {
		return import.meta.glob<PluginModule>('../../../plugins/*/index.ts', { eager: true });
	} catch {
		return undefined;
	}
}

/** Under Node/tsx (the CLI, workers) plugins/*\/index.ts are found on disk. */
async function nodeModules(): Promise<Record<string, PluginModule>> {
	const { readdir, stat } = await import('node:fs/promises');
	const { fileURLToPath, pathToFileURL } = await import('node:url');
	const { join } = await import('node:path');
	const root = fileURLToPath(new URL('../../../plugins/', import.meta.url));
	const modules: Record<string, PluginModule> = {};
	for (const entry of await readdir(root)) {
		const file = join(root, entry, 'index.ts');
		const exists = await stat(file).then(
			(s) => s.isFile(),
			() => false
		);
		if (exists) modules[file] = (await import(pathToFileURL(file).href)) as PluginModule;
	}
	return modules;
}

let cached: Promise<Registry> | undefined;

/** Loads every plugin under plugins/, sorted by folder. Works under Vite and under tsx. */
export async function loadPlugins(): Promise<Plugin[]> {
	const modules = viteModules() ?? (await nodeModules());
	return fromModules(modules);
}

/** The registry of all installed plugins, built once per process. */
export function getRegistry(): Promise<Registry> {
	cached ??= loadPlugins().then(createRegistry);
	return cached;
}
