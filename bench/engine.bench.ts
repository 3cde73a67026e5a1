/**
 * Events/s through the runtime (sendEvent: lock, step, snapshot+journal+effects, commit) beside
 * a raw-SQL baseline of the same transaction shape (lock the row, update snapshot and version,
 * insert a journal row), at concurrency 1, 8 and 32. Last line: one JSON object.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { connectDatabase } from '../src/lib/server/db/connection';
import { adminQuery, withDatabase } from '../src/lib/server/db/test-db';
import { configureRuntime } from '../src/lib/server/runtime/engine-port';
import { realEngine } from '../src/lib/server/runtime/real-engine';
import { getRegistry } from '../src/lib/server/plugins';
import { importDefinition } from '../src/lib/server/definitions/service';
import { startInstance } from '../src/lib/server/runtime/start';
import { sendEvent } from '../src/lib/server/runtime/executor';

const BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB = `loopwork_bench_${process.pid}`;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
const definition = {
	id: 'bench-loop',
	name: { en: 'Bench loop' },
	initial: 'waiting',
	states: {
		waiting: {
			meta: { kind: 'wait' },
			on: { ping: { target: 'waiting', reenter: true }, finish: 'done' }
		},
		done: { type: 'final', meta: { kind: 'final' } }
	}
};

async function timed(concurrency: number, total: number, one: (worker: number) => Promise<void>) {
	let next = 0;
	const start = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async (_, worker) => {
			while (next++ < total) await one(worker);
		})
	);
	return total / ((performance.now() - start) / 1000);
}

await adminQuery(BASE, `drop database if exists ${DB} with (force)`);
await adminQuery(BASE, `create database ${DB}`);
const url = withDatabase(BASE, DB);
const db = await connectDatabase({ url, poolMax: 34 });
configureRuntime({ engine: realEngine, registry: await getRegistry() });
const conn = db.orm.em.fork().getConnection();
const orgId = randomUUID();
const subjectId = randomUUID();
await conn.execute('insert into organisation (id, organisation_id, name) values (?, ?, ?)', [
	orgId,
	orgId,
	'Bench'
]);
await conn.execute('insert into employee (id, organisation_id, name, email) values (?, ?, ?, ?)', [
	subjectId,
	orgId,
	'B',
	'b@x'
]);
const imported = await importDefinition({
	em: db.orm.em.fork(),
	orgId,
	content: definition,
	now: new Date()
});
if (!imported.ok) throw new Error(`bench definition refused: ${JSON.stringify(imported.issues)}`);

const pool = new pg.Pool({ connectionString: url, max: 34 });
const results: { concurrency: number; engine_eps: number; baseline_eps: number; ratio: number }[] =
	[];
for (const concurrency of [1, 8, 32]) {
	// One instance per client, so the figure measures throughput rather than one row's lock queue.
	const instances = await Promise.all(
		Array.from({ length: concurrency }, () =>
			startInstance({
				em: db.orm.em.fork(),
				orgId,
				definitionSlug: 'bench-loop',
				subjectId,
				now: new Date()
			})
		)
	);
	const baselineRows = instances.map((i) => i.instanceId);
	const run = (worker: number) =>
		sendEvent({
			em: db.orm.em.fork(),
			orgId,
			instanceId: instances[worker]!.instanceId,
			event: { type: 'ping' },
			now: new Date()
		}).then(() => undefined);
	await timed(concurrency, 200, run);
	const engineEps = await timed(concurrency, EVENTS, run);
	const baseline = async (worker: number) => {
		const client = await pool.connect();
		try {
			const id = baselineRows[worker]!;
			await client.query('begin');
			const { rows } = await client.query({
				name: 'b_lock',
				text: 'select version, snapshot from instance where id = $1 for update',
				values: [id]
			});
			const version = Number(rows[0].version) + 1;
			await client.query({
				name: 'b_upd',
				text: 'update instance set snapshot = $2, version = $3, updated_at = now() where id = $1',
				values: [id, rows[0].snapshot, version]
			});
			await client.query({
				name: 'b_jr',
				text: `insert into journal (id, organisation_id, instance_id, seq, kind, event_type, to_state, at)
               values ($1, $2, $3, $4, 'event', 'ping', '"waiting"', now())`,
				values: [randomUUID(), orgId, id, version]
			});
			await client.query('commit');
		} finally {
			client.release();
		}
	};
	await timed(concurrency, 200, baseline);
	const baselineEps = await timed(concurrency, EVENTS, baseline);
	results.push({
		concurrency,
		engine_eps: Math.round(engineEps),
		baseline_eps: Math.round(baselineEps),
		ratio: Number((engineEps / baselineEps).toFixed(2))
	});
}
await pool.end();
await db.close();
await adminQuery(BASE, `drop database if exists ${DB} with (force)`);
console.log('concurrency  engine ev/s  baseline ev/s  ratio');
for (const r of results)
	console.log(
		`${String(r.concurrency).padStart(11)}  ${String(r.engine_eps).padStart(11)}  ${String(r.baseline_eps).padStart(13)}  ${r.ratio.toFixed(2)}`
	);
console.log(JSON.stringify({ bench: 'engine', db: 'postgres', results }));
