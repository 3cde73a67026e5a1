import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { connectDatabase, type Database } from '../../src/lib/server/db/connection';
import { createTestDatabase } from '../../src/lib/server/db/test-db';
import { configureRuntime } from '../../src/lib/server/runtime/engine-port';
import { startInstance } from '../../src/lib/server/runtime/start';
import { withSql } from '../../src/lib/server/runtime/pg';
import { importDefinition } from '../../src/lib/server/definitions/service';
import { testEngine, reviewLoopDefinition } from '../fixtures/test-engine';
import { seedOrg, type SeededOrg } from '../fixtures/seed';
import { spawnFixture } from '../fixtures/child';
import { expectedAfter, reviewStream } from '../fixtures/review-stream';
import type { StreamEvent } from '../fixtures/event-stream';

const isPostgres = Boolean(process.env.DATABASE_URL);
const INSTANCES = 6;
const PER_INSTANCE = isPostgres ? 120 : 60;
const KILL_AFTER = Math.floor((INSTANCES * PER_INSTANCE) / 4);
const T0 = new Date('2025-03-01T09:00:00Z');

const work = mkdtempSync(path.join(tmpdir(), 'loopwork-crash-'));
let db: Database | undefined;
let url: string | undefined;
let org: SeededOrg;
const instanceIds: string[] = [];
let streamFile = '';
let stream: StreamEvent[] = [];

/** The embedded database lives in a data directory the child processes open in turn. */
const dataRoot = path.join(work, 'data');
const childEnv = () =>
	isPostgres ? { DATABASE_URL: url } : { DATABASE_URL: undefined, LOOPWORK_DATA_DIR: dataRoot };
const openEmbedded = () =>
	connectDatabase({ url: undefined, dataDir: path.join(dataRoot, 'pglite'), poolMax: 4 });

async function prepare(orm: MikroORM) {
	org = await seedOrg(orm);
	const imported = await importDefinition({
		em: orm.em.fork(),
		orgId: org.orgId,
		content: reviewLoopDefinition,
		now: T0
	});
	if (!imported.ok) throw new Error('fixture definition refused');
	for (let i = 0; i < INSTANCES; i++) {
		const started = await startInstance({
			em: orm.em.fork(),
			orgId: org.orgId,
			definitionSlug: reviewLoopDefinition.id,
			subjectId: org.employeeId,
			now: T0
		});
		instanceIds.push(started.instanceId);
	}
	stream = reviewStream(instanceIds, PER_INSTANCE);
	streamFile = path.join(work, 'stream.json');
	writeFileSync(
		streamFile,
		JSON.stringify({ orgId: org.orgId, now: T0.toISOString(), events: stream })
	);
}

beforeAll(async () => {
	configureRuntime({ engine: testEngine, registry: undefined });
	if (isPostgres) {
		const test = await createTestDatabase();
		db = test;
		url = test.url;
		await prepare(test.orm);
	} else {
		// The children own the embedded database while they run: close it here first.
		const embedded = await openEmbedded();
		await prepare(embedded.orm);
		await embedded.close();
	}
});
afterAll(async () => {
	await db?.close();
	rmSync(work, { recursive: true, force: true });
});

type Answer = { id: string; seq: number; dup: boolean };
const answers = (lines: string[]) =>
	lines.filter((l) => l.startsWith('{"id"')).map((l) => JSON.parse(l) as Answer);

async function verify(orm: MikroORM) {
	const rows = await withSql(orm.em.fork(), (q) =>
		q<{
			id: string;
			version: number;
			state_value: unknown;
			count: number;
			seqs: number[];
			types: string[];
			client_ids: (string | null)[];
			open_tasks: string[];
			tasks: number;
			pending_timers: number;
			timers: number;
			outbox: number;
		}>(
			undefined,
			`select i.id, i.version, i.state_value, (i.snapshot->'context'->>'count')::int as count,
         (select array_agg(seq order by seq) from journal where instance_id = i.id) as seqs,
         (select array_agg(event_type order by seq) from journal where instance_id = i.id) as types,
         (select array_agg(client_event_id order by seq) from journal where instance_id = i.id) as client_ids,
         (select coalesce(array_agg(task_key), '{}') from task where instance_id = i.id and status = 'open') as open_tasks,
         (select count(*)::int from task where instance_id = i.id) as tasks,
         (select count(*)::int from timer where instance_id = i.id and status = 'pending') as pending_timers,
         (select count(*)::int from timer where instance_id = i.id) as timers,
         (select count(*)::int from outbox where instance_id = i.id) as outbox
       from instance i where i.id = any($1::uuid[])`,
			[instanceIds]
		)
	);
	expect(rows).toHaveLength(INSTANCES);
	for (const row of rows) {
		const mine = stream.filter((e) => e.instanceId === row.id);
		const expected = expectedAfter(
			mine.map((e) => e.type),
			org.employeeId
		);
		// Contiguous sequence numbers, the snapshot's version is the last one.
		expect(row.seqs).toEqual(Array.from({ length: PER_INSTANCE + 1 }, (_, i) => i + 1));
		expect(row.version).toBe(PER_INSTANCE + 1);
		// Every event applied exactly once, in the order it was sent.
		expect(row.client_ids).toEqual([null, ...mine.map((e) => e.clientEventId)]);
		expect(row.types).toEqual(['xstate.init', ...mine.map((e) => e.type)]);
		expect(row.count).toBe(expected.count);
		expect(row.state_value).toBe(expected.state);
		// Tasks and timers are those of the final state; nothing half-written around them.
		expect(row.open_tasks).toEqual([expected.state]);
		expect(row.tasks).toBe(expected.tasksOpened);
		expect(row.pending_timers).toBe(expected.state === 'drafting' ? 1 : 0);
		expect(row.timers).toBe(expected.timersScheduled);
		expect(row.outbox).toBe(expected.outboxRows);
	}
}

async function appliedSoFar(orm: MikroORM): Promise<number> {
	const [row] = await withSql(orm.em.fork(), (q) =>
		q<{ n: number }>(
			undefined,
			"select count(*)::int as n from journal where kind = 'event' and instance_id = any($1::uuid[])",
			[instanceIds]
		)
	);
	return row?.n ?? 0;
}

describe('a process killed with SIGKILL during a stream of events', () => {
	it(`loses nothing and applies nothing twice after a restart that resends the stream (${isPostgres ? 'PostgreSQL' : 'PGlite data directory reopened after the kill'})`, async () => {
		const first = spawnFixture('event-stream.ts', { ...childEnv(), STREAM_FILE: streamFile });
		await first.waitFor(
			(line) => answers([line]).length > 0 && answers(first.lines).length >= KILL_AFTER
		);
		first.process.kill('SIGKILL');
		const killed = await first.exited;
		expect(killed.signal).toBe('SIGKILL');
		const before = answers(first.lines);
		expect(first.lines).not.toContain('done');

		// Killed mid-stream: some events were applied, not all; each answered one was committed.
		// (PGlite: counted from the duplicates below, to open its data directory once less.)
		let applied = db ? await appliedSoFar(db.orm) : undefined;

		const second = spawnFixture('event-stream.ts', { ...childEnv(), STREAM_FILE: streamFile });
		const exit = await second.exited;
		expect(exit, exit.stderr).toMatchObject({ code: 0 });
		expect(second.lines).toContain('done');
		const resent = answers(second.lines);
		expect(resent).toHaveLength(stream.length);
		// What the first process got an answer for comes back as a duplicate with the same seq.
		const bySeq = new Map(resent.map((a) => [a.id, a]));
		for (const a of before) expect(bySeq.get(a.id)).toMatchObject({ seq: a.seq, dup: true });
		applied ??= resent.filter((a) => a.dup).length;
		expect(applied).toBeGreaterThanOrEqual(before.length);
		expect(applied).toBeLessThan(stream.length);
		expect(resent.filter((a) => a.dup)).toHaveLength(applied);

		if (db) await verify(db.orm);
		else {
			const embedded = await openEmbedded();
			try {
				await verify(embedded.orm);
			} finally {
				await embedded.close();
			}
		}
	}, 120_000);
});
