import type { EntityManager } from '@mikro-orm/postgresql';
import { encryptedColumns, fieldName, type EncryptedColumn } from './columns';
import { decryptField, encryptField, envelopeKeyId } from './envelope';
import type { Keyring } from './keyring';

/** Runs one statement with `?` placeholders and returns its rows (MikroORM's `execute`). */
export type SqlExecute = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

function executor(em: EntityManager): SqlExecute {
	return (sql, params) =>
		em
			.getConnection()
			.execute<Record<string, unknown>[]>(sql, params, 'all', em.getTransactionContext());
}

export type RotationProgress = {
	table: string;
	column: string;
	rewritten: number;
	skippedConcurrent: number;
};

/** A LIKE pattern matching envelopes under `keyId` (ids may contain `_`, a LIKE wildcard). */
function keyPattern(keyId: string): string {
	return `lw1:${keyId.replace(/[\\%_]/g, '\\$&')}:%`;
}

/** The SQL text of the envelope, for either storage format. */
function envelopeSql(column: EncryptedColumn): string {
	const col = `"${column.column}"`;
	return column.format === 'json' ? `(${col} ->> '$enc')` : col;
}

/**
 * Re-seals every value of the registered columns that is not under the keyring's current key,
 * one short transaction per batch, so the app keeps serving while it runs. Each update is a
 * compare-and-set on the old envelope: a value the app rewrote meanwhile (already under the
 * current key) is left alone. Old keys must stay in the keyring until this returns.
 */
export async function rotateEncryptedColumns(options: {
	em: EntityManager;
	keyring: Keyring;
	batchSize?: number;
	columns?: readonly EncryptedColumn[];
	onProgress?: (progress: RotationProgress) => void;
}): Promise<RotationProgress[]> {
	const { keyring } = options;
	const execute = executor(options.em);
	const batchSize = options.batchSize ?? 500;
	const current = keyring.current().id;
	const results: RotationProgress[] = [];
	for (const column of options.columns ?? encryptedColumns()) {
		const envelope = envelopeSql(column);
		const progress: RotationProgress = {
			table: column.table,
			column: column.column,
			rewritten: 0,
			skippedConcurrent: 0
		};
		let after = '00000000-0000-0000-0000-000000000000';
		for (;;) {
			const rows = await execute(
				`select id::text as id, ${envelope} as envelope from "${column.table}"
				 where id > ?::uuid and ${envelope} like 'lw1:%' and ${envelope} not like ?
				 order by id limit ?`,
				[after, keyPattern(current), batchSize]
			);
			await options.em.transactional(async (tx) => {
				const inTx = executor(tx);
				// The audit trail's trigger lets exactly this (re-sealing before/after) through.
				await inTx(`select set_config('loopwork.key_rotation', 'on', true)`, []);
				for (const row of rows) {
					const id = String(row.id);
					const old = String(row.envelope);
					const context = { field: fieldName(column), recordId: id };
					if (envelopeKeyId(old) === current) continue;
					const sealed = encryptField(decryptField(old, context, keyring), context, keyring);
					const value = column.format === 'json' ? JSON.stringify({ $enc: sealed }) : sealed;
					const cast = column.format === 'json' ? '::jsonb' : '';
					const updated = await inTx(
						`update "${column.table}" set "${column.column}" = ?${cast}
					 where id = ?::uuid and ${envelope} = ? returning id`,
						[value, id, old]
					);
					if (updated.length) progress.rewritten += 1;
					else progress.skippedConcurrent += 1;
				}
			});
			options.onProgress?.(progress);
			const last = rows.at(-1);
			if (!last || rows.length < batchSize) break;
			after = String(last.id);
		}
		results.push(progress);
	}
	return results;
}

/** How many values of the registered columns are still sealed under another key than current. */
export async function countStaleValues(options: {
	em: EntityManager;
	keyring: Keyring;
	columns?: readonly EncryptedColumn[];
}): Promise<number> {
	let total = 0;
	for (const column of options.columns ?? encryptedColumns()) {
		const envelope = envelopeSql(column);
		const rows = await executor(options.em)(
			`select count(*)::int as n from "${column.table}" where ${envelope} like 'lw1:%' and ${envelope} not like ?`,
			[keyPattern(options.keyring.current().id)]
		);
		total += Number(rows[0]?.n ?? 0);
	}
	return total;
}
