import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/lib/server/db/test-db';
import { configureRuntime } from '../../src/lib/server/runtime/engine-port';
import { realEngine } from '../../src/lib/server/runtime/real-engine';
import { startInstance } from '../../src/lib/server/runtime/start';
import { runDueTimers } from '../../src/lib/server/runtime/timers';
import { importDefinition } from '../../src/lib/server/definitions/service';
import { getRegistry } from '../../src/lib/server/plugins';
import { withSql } from '../../src/lib/server/runtime/pg';
import { seedOrg, timerOnceDefinition, type SeededOrg } from '../fixtures/seed';
import { spawnFixture } from '../fixtures/child';

const isPostgres = Boolean(process.env.DATABASE_URL);
const TIMERS = 1000;
const T0 = new Date('2025-03-01T09:00:00Z');
const DUE = new Date(T0.getTime() + 3600_000 + 1000);

let db: TestDatabase;
let org: SeededOrg;
const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
	withSql(db.orm.em.fork(), (q) => q<T>(undefined, text, params));

beforeAll(async () => {
	configureRuntime({ engine: realEngine, registry: await getRegistry() });
	db = await createTestDatabase();
	org = await seedOrg(db.orm);
	const imported = await importDefinition({
		em: db.orm.em.fork(),
		orgId: org.orgId,
		content: timerOnceDefinition,
		now: T0
	});
	if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
});
afterAll(async () => {
	await db?.close();
});

async function startMany(count: number, parallel: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < count; i += parallel) {
		const batch = await Promise.all(
			Array.from({ length: Math.min(parallel, count - i) }, () =>
				startInstance({
					em: db.orm.em.fork(),
					orgId: org.orgId,
					definitionSlug: timerOnceDefinition.id,
					subjectId: org.employeeId,
					now: T0
				})
			)
		);
		ids.push(...batch.map((r) => r.instanceId));
	}
	return ids;
}

/** Every one of `ids` fired its one timer exactly once and moved to its final state. */
async function expectFiredOnce(ids: string[]): Promise<void> {
	const [timers] = await sql<{ pending: number; fired: number; cancelled: number }>(
		`select count(*) filter (where status = 'pending')::int as pending,
       count(*) filter (where status = 'fired')::int as fired,
       count(*) filter (where status = 'cancelled')::int as cancelled
     from timer where instance_id = any($1::uuid[])`,
		[ids]
	);
	expect(timers).toEqual({ pending: 0, fired: ids.length, cancelled: 0 });
	const [journal] = await sql<{ instances: number; wrong: number; rows: number }>(
		`select count(*)::int as instances,
       count(*) filter (where timer_rows <> 1 or seqs <> 2 or max_seq <> version)::int as wrong,
       sum(timer_rows)::int as rows
     from (select i.id, i.version, count(*) filter (where j.kind = 'timer') as timer_rows,
             count(*) as seqs, max(j.seq) as max_seq
           from instance i join journal j on j.instance_id = i.id
           where i.id = any($1::uuid[]) group by i.id, i.version) x`,
		[ids]
	);
	expect(journal).toEqual({ instances: ids.length, wrong: 0, rows: ids.length });
	const [instances] = await sql<{ done: number }>(
		`select count(*)::int as done from instance
     where id = any($1::uuid[]) and status = 'done' and version = 2`,
		[ids]
	);
	expect(instances?.done).toBe(ids.length);
}

describe('timers under several workers', () => {
	it.skipIf(!isPostgres)(
		'fires 1,000 timers exactly once with two worker processes on PostgreSQL (skipped on PGlite: one process owns the embedded database)',
		async () => {
			const ids = await startMany(TIMERS, 16);
			const env = {
				DATABASE_URL: db.url,
				LOOPWORK_TEST_MODE: '1',
				LOOPWORK_CLOCK_NOW: DUE.toISOString()
			};
			const fired: number[] = [];
			for (let round = 0; round < 3; round++) {
				const workers = [
					spawnFixture('timer-worker.ts', env),
					spawnFixture('timer-worker.ts', env)
				];
				await Promise.all(workers.map((w) => w.waitFor((line) => line === 'ready')));
				for (const w of workers) w.process.stdin?.end('go\n');
				const exits = await Promise.all(workers.map((w) => w.exited));
				for (const exit of exits) expect(exit, exit.stderr).toMatchObject({ code: 0 });
				for (const w of workers) {
					const result = JSON.parse(w.lines.at(-1) ?? '{}') as { fired: number; stale: number };
					expect(result.stale).toBe(0);
					fired.push(result.fired);
				}
				const [due] = await sql<{ n: number }>(
					"select count(*)::int as n from timer where status = 'pending' and due_at <= $1",
					[DUE]
				);
				if (due?.n === 0) break;
			}
			expect(fired.reduce((a, b) => a + b, 0)).toBe(TIMERS);
			// Both processes took a share of the work (they started draining together).
			expect(fired[0]).toBeGreaterThan(0);
			expect(fired[1]).toBeGreaterThan(0);
			await expectFiredOnce(ids);
		},
		120_000
	);

	it.skipIf(!isPostgres)(
		'`loopwork worker --once --now` drains what is due at that instant (PostgreSQL: the CLI opens its own database)',
		() => {
			return (async () => {
				const ids = await startMany(3, 3);
				const run = spawnSync(
					process.execPath,
					['bin/loopwork.js', 'worker', '--once', '--now', DUE.toISOString()],
					{ env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'silent' }, encoding: 'utf8' }
				);
				expect(run.status, run.stderr).toBe(0);
				const last = run.stdout.trim().split('\n').at(-1) ?? '{}';
				expect(JSON.parse(last)).toMatchObject({ fired: 3, stale: 0 });
				await expectFiredOnce(ids);
			})();
		},
		60_000
	);

	// On PostgreSQL the two-process test above is the stronger proof of the same property.
	it.skipIf(isPostgres)(
		'fires 1,000 timers exactly once with two concurrent in-process workers (PGlite)',
		async () => {
			const ids = await startMany(TIMERS, isPostgres ? 16 : 4);
			const early = await runDueTimers({ em: db.orm.em.fork(), now: T0, limit: TIMERS });
			expect(early.fired).toBe(0);
			const drain = async () => {
				let fired = 0;
				for (;;) {
					const r = await runDueTimers({ em: db.orm.em.fork(), now: DUE, limit: 50 });
					fired += r.fired;
					if (r.fired + r.stale === 0) return fired;
				}
			};
			const [a, b] = await Promise.all([drain(), drain()]);
			expect(a + b).toBe(TIMERS);
			await expectFiredOnce(ids);
		},
		120_000
	);
});
