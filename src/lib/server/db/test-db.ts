import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type Database } from './connection';

export type TestDatabase = Database & { url: string | undefined };

/**
 * A fresh, migrated, isolated database for one test file: a new database on the PostgreSQL of
 * `DATABASE_URL` (dropped on close), or an in-memory PGlite when it is not set.
 */
export async function createTestDatabase(
	options: { poolMax?: number } = {}
): Promise<TestDatabase> {
	const base = process.env.DATABASE_URL;
	if (!base) {
		const db = await connectDatabase({ url: undefined, dataDir: null, poolMax: options.poolMax });
		return { ...db, url: undefined };
	}
	const name = `loopwork_t_${randomBytes(6).toString('hex')}`;
	await adminQuery(base, `create database ${name}`);
	const url = withDatabase(base, name);
	const db = await connectDatabase({ url, poolMax: options.poolMax });
	return {
		...db,
		url,
		close: async () => {
			await db.close();
			await adminQuery(base, `drop database if exists ${name} with (force)`);
		}
	};
}

/** Replaces the database name of a postgres:// URL. */
export function withDatabase(url: string, database: string): string {
	const parsed = new URL(url);
	parsed.pathname = `/${database}`;
	return parsed.toString();
}

export async function adminQuery(url: string, sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}
