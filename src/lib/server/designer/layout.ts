import { createHash } from 'node:crypto';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Definition } from '../../engine/definition';
import { setLayout } from '../../designer/edits';
import { computeLayout, hasCompleteLayout, type ElkLike } from '../../designer/layout';

/** Layouts computed, by content hash: a version never changes and a draft is re-hashed on save. */
const cache = new Map<string, Promise<Definition>>();
const CACHE_SIZE = 64;
let elk: ElkLike | undefined;

/**
 * The definition with a complete layout, computed here with ELK when a state has no position
 * or a container no size, so the page opens with every state placed and the browser does no
 * layout work. The result is what the designer would compute on open: no edit, no draft.
 * A definition the layout cannot read is returned as it is (the designer then lays it out).
 */
export async function withServerLayout(content: Record<string, unknown>): Promise<Definition> {
	const definition = content as unknown as Definition;
	try {
		if (hasCompleteLayout(definition)) return definition;
	} catch {
		return definition;
	}
	const key = createHash('sha256').update(JSON.stringify(content)).digest('base64url');
	let laidOut = cache.get(key);
	if (laidOut) {
		// Most recently used last.
		cache.delete(key);
	} else {
		elk ??= new ELK();
		laidOut = computeLayout(elk, definition).then((layout) => setLayout(definition, layout));
		laidOut.catch(() => cache.delete(key));
	}
	cache.set(key, laidOut);
	while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
	try {
		return await laidOut;
	} catch {
		return definition;
	}
}
