import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRegistry } from '../../src/lib/server/plugins';
import { loadSources, runSource, startSourceScheduler } from '../../src/lib/server/sources/runner';
import type { Registry } from '../../src/lib/engine/registry';
import { NOW, setupDomain, type DomainFixture } from './domain-fixture';

let f: DomainFixture;
let registry: Registry;
let dir: string;
let server: Server;
let baseUrl: string;
let served = '';

beforeAll(async () => {
	f = await setupDomain();
	registry = await getRegistry();
	dir = await mkdtemp(path.join(tmpdir(), 'loopwork-sources-'));
	server = createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(served);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await new Promise((resolve) => server?.close(resolve));
	if (dir) await rm(dir, { recursive: true, force: true });
	await f?.db.close();
});

async function addSource(name: string, params: Record<string, unknown>) {
	const id = randomUUID();
	await f.query(
		`insert into metric_source (id, organisation_id, name, plugin_id, params, schedule)
		 values (?, ?, ?, 'metrics-file.export', ?, '0 * * * *')`,
		[id, f.orgId, name, JSON.stringify(params)]
	);
	const source = (await loadSources(f.em(), f.orgId)).find((s) => s.id === id);
	if (!source) throw new Error('source not loaded');
	return source;
}

const valueCount = () =>
	f
		.query<{ n: number }>(
			`select count(*)::int as n from metric_value where organisation_id = ? and source = 'metrics-file.export'`,
			[f.orgId]
		)
		.then((rows) => rows[0]?.n);

describe('metric sources', () => {
	it('pulls a CSV file, and a second pull of the same export changes nothing', async () => {
		const file = path.join(dir, 'crm.csv');
		await writeFile(
			file,
			`metric,person,date,value\nsales,zhang@example.test,2025-03-03,2000000\nsales,li@example.test,2025-03-03,1000000\n`
		);
		const source = await addSource('crm file', { file });
		const first = await runSource({ em: f.em(), registry, source, now: NOW });
		expect(first).toMatchObject({ ok: true, report: { inserted: 2 } });
		const again = await runSource({ em: f.em(), registry, source, now: NOW });
		expect(again).toMatchObject({ ok: true, report: { inserted: 0, updated: 0, unchanged: 2 } });
		expect(await valueCount()).toBe(2);
		const [row] = await f.query<{ last_result: { ok: boolean }; last_run_at: Date }>(
			'select last_result, last_run_at from metric_source where id = ?',
			[source.id]
		);
		expect(row?.last_result.ok).toBe(true);
		expect(new Date(row?.last_run_at ?? 0).toISOString()).toBe(NOW.toISOString());
	});

	it('pulls JSON over HTTP from 127.0.0.1 and records rejected rows without storing any', async () => {
		served = JSON.stringify([
			{
				metric: 'sales',
				person: 'zhang@example.test',
				date: '2025-03-04',
				value: 500000,
				id: 'o-1'
			}
		]);
		const source = await addSource('erp http', { url: `${baseUrl}/export.json` });
		expect(await runSource({ em: f.em(), registry, source, now: NOW })).toMatchObject({
			ok: true,
			report: { inserted: 1 }
		});
		served = JSON.stringify([
			{ metric: 'sales', person: 'zhang@example.test', date: '2025-03-05', value: 1, id: 'o-2' },
			{ metric: 'sales', person: 'nobody@example.test', date: '2025-03-05', value: 1, id: 'o-3' }
		]);
		const refused = await runSource({ em: f.em(), registry, source, now: NOW });
		expect(refused).toMatchObject({ ok: false, rejected: [{ line: 2 }] });
		expect(await valueCount()).toBe(3);
	});

	it('records a failing source instead of throwing', async () => {
		const source = await addSource('gone', { file: path.join(dir, 'missing.csv') });
		const result = await runSource({ em: f.em(), registry, source, now: NOW });
		expect(result).toMatchObject({ ok: false, error: expect.stringContaining('ENOENT') });
	});

	it('schedules sources added, changed or disabled while it runs', async () => {
		const scheduler = await startSourceScheduler({
			orm: f.db.orm,
			registry,
			now: () => NOW,
			reconcileMs: 3_600_000
		});
		try {
			const before = scheduler.jobs;
			expect(before).toBe((await loadSources(f.em())).length);
			const added = await addSource('added later', { path: path.join(dir, 'later.csv') });
			await scheduler.reconcile();
			expect(scheduler.jobs).toBe(before + 1);
			// A bad schedule is logged and not run; fixing it schedules the source again.
			await f.query(`update metric_source set schedule = 'not cron' where id = ?`, [added.id]);
			await scheduler.reconcile();
			expect(scheduler.jobs).toBe(before);
			await f.query(`update metric_source set schedule = '*/5 * * * *' where id = ?`, [added.id]);
			await scheduler.reconcile();
			expect(scheduler.jobs).toBe(before + 1);
			await f.query('update metric_source set is_enabled = false where id = ?', [added.id]);
			await scheduler.reconcile();
			expect(scheduler.jobs).toBe(before);
		} finally {
			await scheduler.stop();
		}
		expect(scheduler.jobs).toBe(0);
	});
});
