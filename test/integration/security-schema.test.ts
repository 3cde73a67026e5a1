import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/lib/server/db/test-db';
import { ensureDefaultOrganisation } from '../../src/lib/server/organisation';

let db: TestDatabase;
let orgId: string;

beforeAll(async () => {
	db = await createTestDatabase();
	orgId = await ensureDefaultOrganisation(db.orm.em.fork());
});
afterAll(async () => {
	await db?.close();
});

describe('security schema', () => {
	it('keeps the audit trail append-only', async () => {
		const conn = db.orm.em.fork().getConnection();
		const id = randomUUID();
		await conn.execute(
			`insert into audit_log (id, organisation_id, at, action, entity) values (?, ?, now(), 'test.append', 'test')`,
			[id, orgId]
		);
		await expect(
			conn.execute(`update audit_log set action = 'edited' where id = ?`, [id])
		).rejects.toThrow(/append-only/);
		await expect(conn.execute(`delete from audit_log where id = ?`, [id])).rejects.toThrow(
			/append-only/
		);
		await expect(conn.execute(`truncate audit_log`)).rejects.toThrow(/append-only/);
		const rows = await conn.execute<{ action: string }[]>(
			`select action from audit_log where id = ?`,
			[id]
		);
		expect(rows[0]?.action).toBe('test.append');
	});

	it('lets key rotation re-seal before/after and nothing else', async () => {
		const em = db.orm.em.fork();
		const id = randomUUID();
		await em
			.getConnection()
			.execute(
				`insert into audit_log (id, organisation_id, at, action, entity, after) values (?, ?, now(), 'test.rotate', 'test', '{"a":1}')`,
				[id, orgId]
			);
		await em.transactional(async (tx) => {
			const conn = tx.getConnection();
			const ctx = tx.getTransactionContext();
			await conn.execute(`select set_config('loopwork.key_rotation', 'on', true)`, [], 'all', ctx);
			await conn.execute(`update audit_log set after = '{"a":2}' where id = ?`, [id], 'all', ctx);
		});
		await expect(
			em.transactional(async (tx) => {
				const conn = tx.getConnection();
				const ctx = tx.getTransactionContext();
				await conn.execute(
					`select set_config('loopwork.key_rotation', 'on', true)`,
					[],
					'all',
					ctx
				);
				await conn.execute(`update audit_log set action = 'x' where id = ?`, [id], 'all', ctx);
			})
		).rejects.toThrow(/append-only/);
	});
});
