import type { EntityManager } from '@mikro-orm/postgresql';

/** Runs SQL with `?` placeholders on the entity manager's connection, inside its transaction if any. */
export function execute<T = Record<string, unknown>>(
	em: EntityManager,
	sql: string,
	params: unknown[] = []
): Promise<T[]> {
	return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
}
