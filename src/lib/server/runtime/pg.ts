import type { EntityManager } from '@mikro-orm/postgresql';
import { DeadlockException, DriverException, LockWaitTimeoutException } from '@mikro-orm/core';
import pg, { type PoolClient, type QueryResultRow } from 'pg';
import { isEmbeddedUrl } from '../db/embedded';

/**
 * The hot path talks to the driver's own pg connection (borrowed from MikroORM's pool) with
 * named prepared statements: round trips dominate a small transaction, so each event is
 * BEGIN, one locking read, one write statement, COMMIT.
 */
export type Sql = <Row extends QueryResultRow = Record<string, unknown>>(
	name: string | undefined,
	text: string,
	values: unknown[]
) => Promise<Row[]>;

type KnexClient = {
	acquireConnection: () => Promise<PoolClient>;
	releaseConnection: (connection: PoolClient) => Promise<void>;
};

function knexClient(em: EntityManager): KnexClient {
	return (em.getConnection().getKnex() as unknown as { client: KnexClient }).client;
}

const namedByOrm = new WeakMap<object, boolean>();
function canPrepare(em: EntityManager): boolean {
	const config = em.config;
	let can = namedByOrm.get(config);
	if (can === undefined) {
		can = !isEmbeddedUrl(config.get('clientUrl'));
		namedByOrm.set(config, can);
	}
	return can;
}

function sqlFor(client: PoolClient, isNamed: boolean): Sql {
	return async (name, text, values) => {
		const result = await client.query(name && isNamed ? { name, text, values } : { text, values });
		return result.rows as never;
	};
}

/**
 * Runs `work` in one transaction on a pooled connection; retries deadlocks a few times.
 * `prelude` is SQL without parameters sent with BEGIN in the same round trip (simple protocol),
 * e.g. the row lock, so that statements in `work` read with a snapshot taken after the lock.
 */
export async function inTransaction<T>(
	em: EntityManager,
	work: (sql: Sql) => Promise<T>,
	options: { prelude?: string } = {}
): Promise<T> {
	const client = knexClient(em);
	for (let attempt = 1; ; attempt++) {
		const connection = await client.acquireConnection();
		try {
			await connection.query(options.prelude ? `begin; ${options.prelude}` : 'begin');
			const result = await work(sqlFor(connection, canPrepare(em)));
			await connection.query('commit');
			return result;
		} catch (err) {
			// A failed rollback means a dead connection; the pool discards it on its next check.
			await connection.query('rollback').catch(() => undefined);
			const converted = convertDbError(em, err);
			if (
				attempt < 5 &&
				(converted instanceof DeadlockException || converted instanceof LockWaitTimeoutException)
			) {
				continue;
			}
			throw converted;
		} finally {
			await client.releaseConnection(connection);
		}
	}
}

/** Runs statements outside a transaction (autocommit) on a pooled connection. */
export async function withSql<T>(em: EntityManager, work: (sql: Sql) => Promise<T>): Promise<T> {
	const client = knexClient(em);
	const connection = await client.acquireConnection();
	try {
		return await work(sqlFor(connection, canPrepare(em)));
	} catch (err) {
		throw convertDbError(em, err);
	} finally {
		await client.releaseConnection(connection);
	}
}

/** Maps a raw driver error onto MikroORM's exception classes so callers catch by class. */
export function convertDbError(em: EntityManager, err: unknown): unknown {
	if (err instanceof DriverException || !(err instanceof pg.DatabaseError)) return err;
	return em.getDriver().convertException(err);
}
