/**
 * Raw SQL for the domain services, on the driver's own pg connection (borrowed from
 * MikroORM's pool). Bulk paths need the connection itself (COPY), and `$n` placeholders with
 * array parameters (`unnest`) keep the statements few. When the caller's EntityManager is
 * already inside a transaction (first-start seeding) its connection is reused: on PGlite
 * a second connection would wait for that transaction forever.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PoolClient, QueryResultRow } from 'pg';
import { convertDbError } from '../runtime/pg';

export type Db = {
	query: <Row extends QueryResultRow = Record<string, unknown>>(
		text: string,
		values?: unknown[]
	) => Promise<Row[]>;
	/** The connection itself, for COPY. */
	client: PoolClient;
	/** PGlite behind its socket: no COPY FROM STDIN, one backend session. */
	isEmbedded: boolean;
	/** The EntityManager of this transaction, for services that take one (the audit trail). */
	em: EntityManager;
};

type KnexClient = {
	acquireConnection: () => Promise<PoolClient>;
	releaseConnection: (connection: PoolClient) => Promise<void>;
};

const embeddedByClient = new WeakMap<object, boolean>();

async function detectEmbedded(key: object, client: PoolClient): Promise<boolean> {
	const known = embeddedByClient.get(key);
	if (known !== undefined) return known;
	const result = await client.query<{ version: string }>('select version() as version');
	const isEmbedded = (result.rows[0]?.version ?? '').includes('PGlite');
	embeddedByClient.set(key, isEmbedded);
	return isEmbedded;
}

function dbFor(client: PoolClient, isEmbedded: boolean, em: EntityManager): Db {
	return {
		client,
		isEmbedded,
		em,
		query: async (text, values = []) => (await client.query(text, values)).rows as never
	};
}

async function run<T>(tx: EntityManager, work: (db: Db) => Promise<T>): Promise<T> {
	const knex = tx.getConnection().getKnex() as unknown as { client: KnexClient };
	const ctx = tx.getTransactionContext<{ client: KnexClient }>();
	if (!ctx) throw new Error('run() needs a transaction');
	const connection = await ctx.client.acquireConnection();
	try {
		return await work(dbFor(connection, await detectEmbedded(knex.client, connection), tx));
	} catch (err) {
		throw convertDbError(tx, err);
	}
}

/**
 * Runs `work` in one transaction: all of it or none of it. Nested calls (an `em` already in a
 * transaction) run inside the outer one.
 */
export async function transaction<T>(em: EntityManager, work: (db: Db) => Promise<T>): Promise<T> {
	if (em.isInTransaction()) return run(em, work);
	return em.fork().transactional((tx) => run(tx, work));
}
