import { config } from 'zod';
import type { Plugin } from '../engine/plugin';
import { createRegistry, type Registry } from '../engine/registry';

// The page runs under a strict CSP without unsafe-eval: keep zod from probing `new Function`.
config({ jitless: true });

type PluginModule = { default?: Plugin };

/**
 * The registry the designer lints and simulates with: the same plugins/*\/index.ts the server
 * loads, bundled by Vite (plugin files do no I/O at import time, so they load in the browser).
 */
export function browserRegistry(): Registry {
	const modules = import.meta.glob<PluginModule>('../../../plugins/*/index.ts', { eager: true });
	const plugins = Object.entries(modules)
		.sort(([a], [b]) => a.localeCompare(b))
		.flatMap(([, module]) => (module.default ? [module.default] : []));
	return createRegistry(plugins);
}
