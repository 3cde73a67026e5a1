import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';
import { migrate, openOrm } from './orm';
import { logger } from '../log';

export type Database = {
	orm: MikroORM;
	kind: 'postgres' | 'embedded';
	close: () => Promise<void>;
};

export const ORM_POOL_MAX = 10;

/**
 * Connects to `DATABASE_URL` when set, else to embedded PGlite persisted in `./data/pglite`
 * (or in memory with `dataDir: null`). Runs pending migrations unless `migrate: false`.
 */
export async function connectDatabase(
	options: { url?: string; dataDir?: string | null; migrate?: boolean; poolMax?: number } = {}
): Promise<Database> {
	const url = options.url ?? process.env.DATABASE_URL;
	const poolMax = options.poolMax ?? ORM_POOL_MAX;
	let embedded: EmbeddedDatabase | undefined;
	let clientUrl = url;
	if (!clientUrl) {
		const dataDir =
			options.dataDir === null
				? undefined
				: (options.dataDir ?? path.resolve(process.env.LOOPWORK_DATA_DIR ?? 'data', 'pglite'));
		embedded = await startEmbeddedDatabase({ dataDir, maxConnections: poolMax * 2 + 4 });
		clientUrl = embedded.url;
		logger.info({ dataDir: dataDir ?? ':memory:' }, 'embedded database started');
	}
	const orm = await openOrm({ url: clientUrl, poolMax });
	try {
		if (options.migrate !== false) {
			const applied = await migrate(orm);
			if (applied.length) logger.info({ applied }, 'migrations applied');
		}
	} catch (err) {
		await orm.close(true);
		await embedded?.close();
		throw err;
	}
	return {
		orm,
		kind: embedded ? 'embedded' : 'postgres',
		close: async () => {
			await orm.close(true);
			await embedded?.close();
		}
	};
}
