import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/lib/server/db/test-db';
import { createMemoryKeyring, generateKey, setKeyring } from '../../src/lib/server/crypto/keyring';
import { isEnvelope, isSealedJson } from '../../src/lib/server/crypto/envelope';
import { listEvaluations } from '../../src/lib/server/domain/scoring/evaluations';

let db: TestDatabase;
const BEFORE = 'Migration20250702000000_metric_source';

beforeAll(async () => {
	setKeyring(createMemoryKeyring([generateKey()]));
	db = await createTestDatabase();
});
afterAll(async () => {
	setKeyring(undefined);
	await db?.close();
});

describe('sealing stored evaluations', () => {
	it('seals plaintext score, grade and inputs written before the migration, and back', async () => {
		const conn = () => db.orm.em.fork().getConnection();
		await db.orm.getMigrator().down({ to: BEFORE });
		const orgId = randomUUID();
		const person = randomUUID();
		const evaluation = randomUUID();
		await conn().execute('insert into organisation (id, organisation_id, name) values (?, ?, ?)', [
			orgId,
			orgId,
			'Legacy'
		]);
		await conn().execute(
			'insert into employee (id, organisation_id, name, email) values (?, ?, ?, ?)',
			[person, orgId, 'Legacy Person', 'legacy@example.test']
		);
		const inputs = { attainments: { sales: 91.5 }, result: { score: 91.5 } };
		await conn().execute(
			`insert into evaluation (id, organisation_id, employee_id, cycle, status, score, grade, inputs)
			 values (?, ?, ?, '2024', 'finalised', 91.5, 'excellent', ?::jsonb)`,
			[evaluation, orgId, person, JSON.stringify(inputs)]
		);
		await db.orm.getMigrator().up();
		const raw = await conn().execute<{ score: string; grade: string; inputs: unknown }[]>(
			'select score, grade, inputs from evaluation where id = ?',
			[evaluation]
		);
		expect(isEnvelope(raw[0]?.score) && isEnvelope(raw[0]?.grade)).toBe(true);
		expect(isSealedJson(raw[0]?.inputs)).toBe(true);
		const [view] = await listEvaluations(db.orm.em.fork(), orgId);
		expect(view).toMatchObject({ score: 91.5, grade: 'excellent', inputs });

		await db.orm.getMigrator().down({ to: BEFORE });
		const plain = await conn().execute<{ score: number; grade: string }[]>(
			'select score, grade from evaluation where id = ?',
			[evaluation]
		);
		expect(plain[0]).toMatchObject({ score: 91.5, grade: 'excellent' });
		await db.orm.getMigrator().up();
	});
});
