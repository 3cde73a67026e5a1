import ELK from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { ElkLike } from './layout';

let elk: ElkLike | undefined;

/** ELK in a web worker (loaded from the page's own origin), so layout never blocks the page. */
export function browserElk(): ElkLike {
	elk ??= new ELK({ workerUrl });
	return elk;
}
