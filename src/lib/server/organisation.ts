import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { onFirstStart } from './first-start';

export const DEFAULT_ORGANISATION_NAME = 'Loopwork Demo';

/**
 * Returns the default organisation's id, creating it (and running `onFirstStart`) when the
 * database has none. Until sessions exist every request acts in this organisation.
 */
export async function ensureDefaultOrganisation(em: EntityManager): Promise<string> {
	return em.transactional(async (tx) => {
		const conn = tx.getConnection();
		const ctx = tx.getTransactionContext();
		// A transaction-scoped advisory lock makes concurrent first starts create one row.
		await conn.execute('select pg_advisory_xact_lock(7300001)', [], 'all', ctx);
		const rows = await conn.execute<{ id: string }[]>(
			'select id from organisation order by created_at limit 1',
			[],
			'all',
			ctx
		);
		const existing = rows[0];
		if (existing) return existing.id;
		const id = randomUUID();
		await conn.execute(
			'insert into organisation (id, organisation_id, name) values (?, ?, ?)',
			[id, id, DEFAULT_ORGANISATION_NAME],
			'all',
			ctx
		);
		await onFirstStart({ em: tx, orgId: id });
		return id;
	});
}
