import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const embeddedUrls = new Set<string>();

/**
 * True for a URL served by an embedded PGlite of this process. All its connections share one
 * backend session, so per-connection state such as named prepared statements must not be used.
 */
export function isEmbeddedUrl(url: string | undefined): boolean {
	return url !== undefined && embeddedUrls.has(url);
}

export type EmbeddedDatabase = {
	/** A postgres:// URL the normal driver connects to. */
	url: string;
	close: () => Promise<void>;
};

/**
 * Starts PGlite (in `dataDir`, or in memory when it is undefined) behind a wire-protocol socket
 * bound to 127.0.0.1 on a free port, so MikroORM's normal PostgreSQL driver can use it.
 * PGlite is one backend session: every connection queues on it, so `maxConnections` only has to
 * cover the pool plus in-process workers.
 */
export async function startEmbeddedDatabase(options: {
	dataDir?: string;
	maxConnections?: number;
}): Promise<EmbeddedDatabase> {
	if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
	const db = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
	const server = new PGLiteSocketServer({
		db,
		host: '127.0.0.1',
		port: 0,
		maxConnections: options.maxConnections ?? 32
	});
	await server.start();
	const conn = server.getServerConn();
	let isClosed = false;
	const url = `postgres://postgres@${conn}/postgres`;
	embeddedUrls.add(url);
	return {
		url,
		close: async () => {
			if (isClosed) return;
			isClosed = true;
			embeddedUrls.delete(url);
			await server.stop();
			await db.close();
		}
	};
}
