import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One thing a user can reach: a page or endpoint at a route id, for reading or writing. */
export type RouteEntry = { routeId: string; access: 'read' | 'write'; file: string };

const METHOD =
	/export\s+(?:const|async\s+function|function)\s+(GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE|fallback)\b/g;

function routeIdOf(root: string, dir: string): string {
	const relative = path.relative(root, dir).split(path.sep).filter(Boolean);
	return `/${relative.join('/')}`;
}

function walk(dir: string, files: string[] = []): string[] {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) walk(full, files);
		else files.push(full);
	}
	return files;
}

/**
 * Every page, page load, form action and endpoint under `src/routes`, read from the files, so
 * that a route nobody wrote a rule for shows up here. A layout load runs for the pages below it
 * and is governed by their rules; it is listed so a layout with no page under it is noticed.
 */
export function scanRouteTree(root = path.resolve('src/routes')): RouteEntry[] {
	const entries: RouteEntry[] = [];
	const add = (routeId: string, access: 'read' | 'write', file: string) => {
		if (!entries.some((e) => e.routeId === routeId && e.access === access))
			entries.push({ routeId, access, file });
	};
	for (const file of walk(root)) {
		const name = path.basename(file);
		const routeId = routeIdOf(root, path.dirname(file));
		const source = readFileSync(file, 'utf8');
		if (/^\+page(\.server)?\.(svelte|ts|js)$/.test(name)) {
			add(routeId, 'read', file);
			if (name.startsWith('+page.server') && /export\s+const\s+actions\b/.test(source))
				add(routeId, 'write', file);
		} else if (/^\+server\.(ts|js)$/.test(name)) {
			for (const match of source.matchAll(METHOD)) {
				const method = match[1] as string;
				add(
					routeId,
					method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'read' : 'write',
					file
				);
				if (method === 'fallback') add(routeId, 'read', file);
			}
		}
	}
	return entries.sort((a, b) =>
		`${a.routeId} ${a.access}`.localeCompare(`${b.routeId} ${b.access}`)
	);
}

/** Route ids that have a `+layout.server` load but no page or endpoint anywhere below them. */
export function orphanLayoutLoads(root = path.resolve('src/routes')): string[] {
	const files = walk(root);
	const reachable = scanRouteTree(root).map((e) => e.routeId);
	return files
		.filter((file) => /^\+layout\.server\.(ts|js)$/.test(path.basename(file)))
		.map((file) => routeIdOf(root, path.dirname(file)))
		.filter((id) => !reachable.some((r) => r === id || r.startsWith(id === '/' ? '/' : `${id}/`)));
}
