import { randomUUID } from 'node:crypto';
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
import {
	listEvaluations,
	openEvaluations,
	publishScheme
} from '../../src/lib/server/domain/scoring/evaluations';
import { STANDARD_BANDS } from '../../src/lib/domain/weighting';

let db: TestDatabase;
let orgId: string;
const keyA = generateKey(new Date('2025-01-01'));
const keyB = generateKey(new Date('2025-07-01'));
const SECRET_COMMENT = 'ZEBRA-confidential-remark';
const SECRET_SALARY = 987654;
const PASSWORD = 'demo password for tests';
// A score no other table holds, and the grade it earns.
const SECRET_SCORE = 87.37;
const EVALUATIONS = 2;
const people: string[] = [];
const NOW = new Date('2025-03-21T12:00:00Z');
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

/** Two people with a goal each, scored by a one-item scheme: live evaluations to inspect. */
async function seedEvaluations(): Promise<void> {
	for (let i = 0; i < EVALUATIONS; i++) {
		const person = randomUUID();
		people.push(person);
		await execute(
			em(),
			`insert into employee (id, organisation_id, name, email) values (?, ?, ?, ?)`,
			[person, orgId, `Person ${i}`, `person${i}@example.test`]
		);
		await execute(
			em(),
			`insert into goal (id, organisation_id, kind, title, owner_kind, owner_id, start_date, due_date, status, category, progress)
			 values (?, ?, 'objective', '{}', 'person', ?, '2025-01-01', '2025-12-31', 'active', 'delivery', ?)`,
			[randomUUID(), orgId, person, SECRET_SCORE]
		);
	}
	await publishScheme(
		em(),
		orgId,
		{
			key: 'rest',
			name: { en: 'Rest' },
			effectiveFrom: '2025-01-01',
			scope: {},
			bands: STANDARD_BANDS,
			outcomes: [
				{ grade: 'good', raiseMinPercent: 3, raiseMaxPercent: 5, promotionEligible: true }
			],
			items: [
				{
					key: 'delivery',
					label: { en: 'Delivery' },
					source: { kind: 'goal_category', category: 'delivery' },
					weight: 100
				}
			]
		},
		{ actorId: null, reason: 'test', now: NOW }
	);
	expect(await openEvaluations(em(), orgId, { cycle: '2025', employeeIds: people, now: NOW })).toBe(
		EVALUATIONS
	);
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
	await seedEvaluations();
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
		const scope: Record<string, string> = { audit_log: `and entity = 'evaluation'` };
		for (const column of encryptedColumns()) {
			const rows = await execute<{ v: unknown }>(
				em(),
				`select "${column.column}" as v from "${column.table}" where "${column.column}" is not null ${scope[column.table] ?? ''}`
			);
			expect(rows.length).toBeGreaterThan(0);
			for (const row of rows)
				expect(column.format === 'json' ? isSealedJson(row.v) : isEnvelope(row.v)).toBe(true);
		}
	});

	it('seals evaluation score, grade and outcome, and opens them for the service', async () => {
		const raw = await execute<{ j: string; score: string; grade: string; inputs: unknown }>(
			em(),
			`select row_to_json(e)::text as j, score, grade, inputs from evaluation e where employee_id in (?, ?)`,
			people
		);
		expect(raw).toHaveLength(EVALUATIONS);
		for (const row of raw) {
			expect(isEnvelope(row.score) && isEnvelope(row.grade) && isSealedJson(row.inputs)).toBe(true);
			expect(row.j).not.toContain(String(SECRET_SCORE));
			expect(row.j).not.toMatch(/good|raiseMaxPercent|delivery/);
		}
		const views = (await listEvaluations(em(), orgId, { cycle: '2025' })).filter((v) =>
			people.includes(v.employeeId)
		);
		expect(views.map((v) => [v.score, v.grade])).toEqual([
			[SECRET_SCORE, 'good'],
			[SECRET_SCORE, 'good']
		]);
		expect(views[0]?.inputs?.result.outcome).toMatchObject({ raiseMaxPercent: 5 });
	});

	it('leaves non-confidential entries readable and opens sealed ones for an allowed reader', async () => {
		const goal = await listAudit(em(), { organisationId: orgId, entity: 'goal' });
		expect(goal.rows[0]?.after).toEqual({ title: 'Grow revenue 10%' });
		const raw = await execute<{ after: unknown }>(
			em(),
			`select after from audit_log where entity = 'goal' and entity_id = 'goal-1'`
		);
		expect(raw[0]?.after).toEqual({ title: 'Grow revenue 10%' });
		const evaluation = await listAudit(em(), {
			organisationId: orgId,
			entity: 'evaluation',
			limit: 1
		});
		expect(evaluation.rows[0]?.after).toMatchObject({ grade: 'A', salaryProposal: SECRET_SALARY });
	});

	it('lists entries of the same instant newest first, and pages through them stably', async () => {
		const instant = new Date('2025-04-01T08:00:00Z');
		const written: string[] = [];
		for (let i = 0; i < 12; i++) {
			written.push(
				await recordAudit(em(), {
					organisationId: orgId,
					actor: null,
					action: 'test.same_instant',
					entity: 'probe',
					entityId: `probe-${i}`,
					at: instant
				})
			);
		}
		const pages: string[] = [];
		for (let offset = 0; offset < 12; offset += 5) {
			const page = await listAudit(em(), {
				organisationId: orgId,
				action: 'test.same_instant',
				limit: 5,
				offset
			});
			pages.push(...page.rows.map((r) => r.id));
		}
		expect(pages).toEqual([...written].reverse());
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
		// 23 audit entries × before/after, and score, grade and inputs of every evaluation.
		const evaluationValues = await execute<{ n: number }>(
			em(),
			'select (count(score) + count(grade) + count(inputs))::int as n from evaluation'
		);
		expect(evaluationValues[0]?.n).toBeGreaterThanOrEqual(3 * EVALUATIONS);
		const sealed = 46 + (evaluationValues[0]?.n ?? 0);
		expect(await countStaleValues({ em: em(), keyring: rotated })).toBe(sealed);
		const progress: number[] = [];
		const results = await rotateEncryptedColumns({
			em: em(),
			keyring: rotated,
			batchSize: 5,
			onProgress: (p) => progress.push(p.rewritten)
		});
		expect(results.reduce((n, r) => n + r.rewritten, 0)).toBe(sealed);
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
		setKeyring(createMemoryKeyring([keyB]));
		const evaluations = await listEvaluations(em(), orgId, { employeeId: people[0] });
		expect(evaluations.map((v) => v.grade)).toEqual(['good']);
	});

	it('does not let rotation or anything else edit the trail otherwise', async () => {
		await expect(
			execute(em(), `update audit_log set after = '{}'::jsonb where entity = 'goal'`)
		).rejects.toThrow(/append-only/);
	});
});
