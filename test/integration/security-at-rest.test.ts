import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/lib/server/db/test-db';
import { ensureDefaultOrganisation } from '../../src/lib/server/organisation';
import { createMemoryKeyring, generateKey, setKeyring } from '../../src/lib/server/crypto/keyring';
import { encryptedColumns } from '../../src/lib/server/crypto/columns';
import { isEnvelope, isSealedJson, envelopeKeyId } from '../../src/lib/server/crypto/envelope';
import { countStaleValues, rotateEncryptedColumns } from '../../src/lib/server/crypto/rotate';
import { recordAudit } from '../../src/lib/server/audit/record';
import { listAudit } from '../../src/lib/server/audit/query';
import { auditCsv } from '../../src/lib/server/audit/csv';
import { ensureDemoAccounts } from '../../src/lib/server/auth/demo-accounts';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { execute } from '../../src/lib/server/auth/sql';

let db: TestDatabase;
let orgId: string;
const keyA = generateKey(new Date('2025-01-01'));
const keyB = generateKey(new Date('2025-07-01'));
const SECRET_COMMENT = 'ZEBRA-confidential-remark';
const SECRET_SALARY = 987654;
const PASSWORD = 'demo password for tests';
const em = () => db.orm.em.fork();

/** Every text value in every table of the schema, as JSON text, for a plaintext search. */
async function dumpAllTables(): Promise<string> {
	const tables = await execute<{ table_name: string }>(
		em(),
		`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`
	);
	const parts: string[] = [];
	for (const { table_name } of tables) {
		const rows = await execute<{ j: string }>(
			em(),
			`select row_to_json(t)::text as j from "${table_name}" t`
		);
		parts.push(...rows.map((r) => r.j));
	}
	return parts.join('\n');
}

beforeAll(async () => {
	setKeyring(createMemoryKeyring([keyA]));
	db = await createTestDatabase();
	orgId = await ensureDefaultOrganisation(db.orm.em.fork());
	for (let i = 0; i < 23; i++) {
		await recordAudit(em(), {
			organisationId: orgId,
			actor: { accountId: null, label: 'hr@example.test' },
			action: 'evaluation.update',
			entity: 'evaluation',
			entityId: `eval-${i}`,
			before: { grade: 'B', comment: 'fine' },
			after: { grade: 'A', comment: `${SECRET_COMMENT}-${i}`, salaryProposal: SECRET_SALARY }
		});
	}
	await recordAudit(em(), {
		organisationId: orgId,
		actor: null,
		action: 'goal.update',
		entity: 'goal',
		entityId: 'goal-1',
		before: { title: 'Grow revenue' },
		after: { title: 'Grow revenue 10%' }
	});
});
afterAll(async () => {
	setKeyring(undefined);
	await db?.close();
});

describe('encryption at rest', () => {
	it('finds no confidential plaintext, password or session token in any row', async () => {
		await ensureDemoAccounts(em(), orgId, [
			{ email: 'rest@example.test', role: 'hr', password: PASSWORD }
		]);
		const session = await signIn(em(), {
			organisationId: orgId,
			email: 'rest@example.test',
			password: PASSWORD,
			ip: '127.0.0.1'
		});
		if (!session.ok) throw new Error('sign-in failed');
		const dump = await dumpAllTables();
		expect(dump).toContain('evaluation.update');
		expect(dump).not.toContain(SECRET_COMMENT);
		expect(dump).not.toContain(String(SECRET_SALARY));
		expect(dump).not.toContain(PASSWORD);
		expect(dump).not.toContain(session.token);
		expect(dump).toMatch(/\$argon2id\$/);
	});

	it('stores every registered encrypted column as an envelope', async () => {
		for (const column of encryptedColumns()) {
			const rows = await execute<{ v: unknown }>(
				em(),
				`select "${column.column}" as v from "${column.table}" where "${column.column}" is not null and entity = 'evaluation'`
			);
			expect(rows.length).toBeGreaterThan(0);
			for (const row of rows)
				expect(column.format === 'json' ? isSealedJson(row.v) : isEnvelope(row.v)).toBe(true);
		}
	});

	it('leaves non-confidential entries readable and opens sealed ones for an allowed reader', async () => {
		const goal = await listAudit(em(), { organisationId: orgId, entity: 'goal' });
		expect(goal.rows[0]?.after).toEqual({ title: 'Grow revenue 10%' });
		const raw = await execute<{ after: unknown }>(
			em(),
			`select after from audit_log where entity = 'goal'`
		);
		expect(raw[0]?.after).toEqual({ title: 'Grow revenue 10%' });
		const evaluation = await listAudit(em(), {
			organisationId: orgId,
			entity: 'evaluation',
			limit: 1
		});
		expect(evaluation.rows[0]?.after).toMatchObject({ grade: 'A', salaryProposal: SECRET_SALARY });
	});

	it('exports CSV with a BOM and defused formulas', () => {
		const csv = auditCsv([
			{
				id: '1',
				at: new Date('2025-01-01T00:00:00Z'),
				actorAccountId: null,
				actorLabel: '=HYPERLINK("x")',
				action: 'a',
				entity: 'e',
				entityId: null,
				before: null,
				after: { n: 1 },
				ip: null
			}
		]);
		expect(csv.startsWith('\uFEFFat,actor,action')).toBe(true);
		expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
	});
});

describe('key rotation', () => {
	it('re-encrypts every value under the new key in batches, old key readable meanwhile', async () => {
		const rotated = createMemoryKeyring([keyB, keyA]);
		expect(await countStaleValues({ em: em(), keyring: rotated })).toBe(46);
		const progress: number[] = [];
		const results = await rotateEncryptedColumns({
			em: em(),
			keyring: rotated,
			batchSize: 5,
			onProgress: (p) => progress.push(p.rewritten)
		});
		expect(results.reduce((n, r) => n + r.rewritten, 0)).toBe(46);
		expect(progress.length).toBeGreaterThan(5);
		expect(await countStaleValues({ em: em(), keyring: rotated })).toBe(0);

		const raw = await execute<{ after: { $enc: string } }>(
			em(),
			`select after from audit_log where entity = 'evaluation'`
		);
		for (const row of raw) expect(envelopeKeyId(row.after.$enc)).toBe(keyB.id);
		// Only the new key is needed now; the old one alone no longer opens anything.
		const onlyB = await listAudit(
			em(),
			{ organisationId: orgId, entity: 'evaluation', limit: 100 },
			createMemoryKeyring([keyB])
		);
		expect(onlyB.rows.every((r) => (r.after as { grade?: string }).grade === 'A')).toBe(true);
		const onlyA = await listAudit(
			em(),
			{ organisationId: orgId, entity: 'evaluation', limit: 1 },
			createMemoryKeyring([keyA])
		);
		expect(onlyA.rows[0]?.after).toEqual({ unreadable: true });
	});

	it('does not let rotation or anything else edit the trail otherwise', async () => {
		await expect(
			execute(em(), `update audit_log set after = '{}'::jsonb where entity = 'goal'`)
		).rejects.toThrow(/append-only/);
	});
});
