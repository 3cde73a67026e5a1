/**
 * `npm run bench:domain`: on PostgreSQL, per org size (1k, 10k, 100k people): seed the org,
 * ingest metric values through the product's import path (CSV text → parse → check and
 * resolve → COPY into staging → INSERT … ON CONFLICT → progress recompute) beside a plain COPY
 * of the same rows into a table shaped like metric_value (same primary key), the incremental
 * roll-up after the import, and a re-score of every live evaluation after a scheme swap.
 * The last line is one JSON object.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { adminQuery, withDatabase } from '../src/lib/server/db/test-db';
import { connectDatabase } from '../src/lib/server/db/connection';
import { transaction } from '../src/lib/server/domain/db';
import { copyFrom } from '../src/lib/server/domain/ingest/copy';
import { ingestMetricValues } from '../src/lib/server/domain/ingest/index';
import { readMetricsCsv } from '../src/lib/server/domain/ingest/parse';
import {
	openEvaluations,
	publishScheme,
	swapScheme
} from '../src/lib/server/domain/scoring/evaluations';
import { seedScaleCompany } from '../src/lib/server/seed/scale';
import { sealEvaluation } from '../src/lib/server/domain/scoring/sealed';
import { STANDARD_BANDS } from '../src/lib/domain/weighting';

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TODAY = '2026-12-04';
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
/** Rounds of import + COPY and of re-score per size; the medians are reported. */
const REPS = Number(process.env.BENCH_REPS ?? 3);

type Result = {
	employees: number;
	ingest_rows: number;
	ingest_rows_per_s: number;
	copy_rows_per_s: number;
	ratio: number;
	rollup_ms: number;
	rescore_ms: number;
	rescored: number;
	seed_s: number;
};

function log(message: string): void {
	console.log(`[bench:domain] ${message}`);
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type Database = Awaited<ReturnType<typeof connectDatabase>>;

/** One import through the product path (CSV text → parse → resolve → store → roll-up). */
async function importRound(
	db: Database,
	orgId: string,
	people: readonly { email: string }[],
	usable: readonly string[],
	round: number
): Promise<{ rate: number; rollupMs: number }> {
	// New values in the current month, unique source ids.
	const lines = ['metric,person,date,value,source_id'];
	for (let i = 0; i < ROWS; i++) {
		const person = people[i % people.length]!.email;
		const day = 1 + (Math.floor(i / people.length) % 3);
		lines.push(
			`${usable[i % usable.length]},${person},2026-12-0${day},${(i % 97) + 1},bench-${round}-${i}`
		);
	}
	const csv = lines.join('\n');
	const start = performance.now();
	const parsed = readMetricsCsv(csv);
	const parseMs = performance.now() - start;
	const report = await ingestMetricValues(db.orm.em.fork(), orgId, parsed, {
		now: new Date(`${TODAY}T12:00:00Z`),
		source: `bench-${round}`,
		notify: false
	});
	const seconds = (performance.now() - start) / 1000;
	if (!report.ok)
		throw new Error(
			`import refused: ${report.rejected
				.slice(0, 3)
				.map((r) => r.message)
				.join('; ')}`
		);
	const steps = Object.entries({ parseMs, ...report.timings })
		.map(([step, ms]) => `${step.replace(/Ms$/, '')} ${((ms ?? 0) / 1000).toFixed(2)}`)
		.join(', ');
	log(
		`import ${report.inserted} new in ${seconds.toFixed(2)} s (${steps} s; ${report.goalsChanged} goals)`
	);
	return { rate: report.inserted / seconds, rollupMs: report.timings.rollupMs };
}

/** COPY of the same rows (resolved, as COPY cannot look up names) into a same-shaped table. */
async function copyRound(db: Database, orgId: string, round: number): Promise<number> {
	const resolved = await transaction(db.orm.em.fork(), (tx) =>
		tx.query<{ copy_text: string }>(
			`select string_agg(concat_ws(E'\\t', organisation_id, metric_id, subject_id, at, source_id, subject_kind, value), E'\\n') || E'\\n' as copy_text
			 from metric_value where organisation_id = $1 and source = $2`,
			[orgId, `bench-${round}`]
		)
	);
	const copyText = resolved[0]?.copy_text ?? '';
	return transaction(db.orm.em.fork(), async (tx) => {
		await tx.query(
			'create table metric_value_copy (like metric_value including defaults including constraints including indexes)'
		);
		const chunks: string[] = [];
		for (let at = 0; at < copyText.length; at += 1 << 20)
			chunks.push(copyText.slice(at, at + (1 << 20)));
		const copyStart = performance.now();
		const n = await copyFrom(
			tx.client,
			'copy metric_value_copy (organisation_id, metric_id, subject_id, at, source_id, subject_kind, value) from stdin',
			chunks
		);
		const seconds = (performance.now() - copyStart) / 1000;
		log(`COPY ${n} rows in ${seconds.toFixed(2)} s`);
		await tx.query('drop table metric_value_copy');
		return n / seconds;
	});
}

async function benchSize(employees: number): Promise<Result> {
	const name = `loopwork_bench_${randomBytes(4).toString('hex')}`;
	await adminQuery(BASE, `create database ${name}`);
	const db = await connectDatabase({ url: withDatabase(BASE, name), poolMax: 4 });
	try {
		const seedStart = performance.now();
		const seeded = await seedScaleCompany(db.orm.em.fork(), {
			employees,
			seed: 7,
			today: TODAY,
			historyDays: employees >= 100_000 ? 14 : 90
		});
		const seedS = (performance.now() - seedStart) / 1000;
		log(
			`${employees}: seeded ${seeded.values} values, ${seeded.goals} goals in ${seedS.toFixed(1)} s`
		);
		const { orgId } = seeded;
		const people = await transaction(db.orm.em.fork(), (tx) =>
			tx.query<{ email: string }>(
				'select email from employee where organisation_id = $1 order by email',
				[orgId]
			)
		);
		const metrics = ['revenue', 'deals_closed', 'new_registrations', 'commits'];
		const known = new Set(
			(
				await transaction(db.orm.em.fork(), (tx) =>
					tx.query<{ key: string }>(
						'select key from metric_definition where organisation_id = $1 and formula is null',
						[orgId]
					)
				)
			).map((m) => m.key)
		);
		const keys = metrics.filter((k) => known.has(k));
		const usable = keys.length > 0 ? keys : [...known].slice(0, 2);
		// Import and COPY take turns (the machine is shared: load moves between runs), each
		// import with fresh source ids so that every round stores a million new rows.
		const imports: { rate: number; rollupMs: number }[] = [];
		const copies: number[] = [];
		for (let round = 0; round < REPS; round++) {
			const result = await importRound(db, orgId, people, usable, round);
			imports.push(result);
			copies.push(await copyRound(db, orgId, round));
		}
		// Re-score every live evaluation after a swap.
		const system = { actorId: null, reason: 'bench', now: new Date(`${TODAY}T12:00:00Z`) };
		const items = usable.slice(0, 2);
		const scheme = (weights: number[]) => ({
			key: 'bench',
			name: { en: 'Bench' },
			effectiveFrom: '2026-01-01',
			scope: {},
			bands: STANDARD_BANDS,
			outcomes: [],
			items: items.map((key, i) => ({
				key,
				label: { en: key },
				source: { kind: 'metric' as const, metricKey: key },
				weight: weights[i] ?? 0
			}))
		});
		const weights =
			items.length === 1
				? [[100], [100]]
				: [
						[50, 50],
						[70, 30]
					];
		await publishScheme(db.orm.em.fork(), orgId, scheme(weights[0]!), system);
		await openEvaluations(db.orm.em.fork(), orgId, { cycle: '2026', now: system.now });
		const rescores: number[] = [];
		let rescored = 0;
		for (let round = 0; round < REPS; round++) {
			const swapStart = performance.now();
			const swap = await swapScheme(
				db.orm.em.fork(),
				orgId,
				scheme(weights[(round + 1) % 2]!),
				system
			);
			rescores.push(performance.now() - swapStart);
			rescored = swap.rescored;
			log(`${employees}: swap re-scored ${swap.rescored} in ${rescores.at(-1)!.toFixed(0)} ms`);
		}
		// What sealing score, grade and inputs adds to a re-score of this size.
		const sample = { score: 87.5, grade: 'good', inputs: { attainments: { a: 87.5 }, result: {} } };
		const sealStart = performance.now();
		for (let i = 0; i < rescored; i++) sealEvaluation(randomUUID(), sample);
		log(
			`${employees}: sealing ${rescored} evaluations: ${(performance.now() - sealStart).toFixed(0)} ms`
		);
		const ingestRate = median(imports.map((r) => r.rate));
		const copyRate = median(copies);
		return {
			employees,
			ingest_rows: ROWS,
			ingest_rows_per_s: Math.round(ingestRate),
			copy_rows_per_s: Math.round(copyRate),
			ratio: Math.round(median(imports.map((r, i) => r.rate / (copies[i] ?? 1))) * 100) / 100,
			rollup_ms: Math.round(median(imports.map((r) => r.rollupMs))),
			rescore_ms: Math.round(median(rescores)),
			rescored,
			seed_s: Math.round(seedS)
		};
	} finally {
		await db.close();
		await adminQuery(BASE, `drop database if exists ${name} with (force)`);
	}
}

const results: Result[] = [];
for (const size of SIZES) results.push(await benchSize(size));
console.log(JSON.stringify({ bench: 'domain', results }));
process.exit(0);
