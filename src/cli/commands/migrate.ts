import { connectDatabase } from '../../lib/server/db/connection';

/** `loopwork migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
export async function runMigrate(args: string[]): Promise<number> {
	void args;
	const db = await connectDatabase({ migrate: true });
	try {
		console.log(`migrations are up to date (${db.kind})`);
		return 0;
	} finally {
		await db.close();
	}
}
