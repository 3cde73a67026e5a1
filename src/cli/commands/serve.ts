import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * Starts the adapter-node build in this process. ORIGIN defaults to the local address so that
 * same-origin form posts are not refused as cross-site; behind a proxy set ORIGIN yourself.
 */
export async function runServe(args: string[]): Promise<number> {
	const { values } = parseArgs({ args, options: { port: { type: 'string' } } });
	const entry = resolve('build/index.js');
	if (!existsSync(entry)) {
		console.error('loopwork serve: build/index.js not found (run `npm run build` first)');
		return 1;
	}
	const port = values.port ?? process.env.PORT ?? '3000';
	process.env.PORT = port;
	process.env.ORIGIN ??= `http://localhost:${port}`;
	await import(pathToFileURL(entry).href);
	// The server keeps the event loop alive; resolve only when it shuts down.
	await new Promise<void>((done) => process.once('exit', () => done()));
	return 0;
}
