import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMetricValues } from '../../src/lib/server/domain/ingest/index';
import { parseMetricsCsv, readMetricsCsv } from '../../src/lib/server/domain/ingest/parse';
import { NOW, progressOf, setupDomain, type DomainFixture } from './domain-fixture';

let fx: DomainFixture;
beforeAll(async () => {
	fx = await setupDomain();
});
afterAll(async () => {
	await fx?.db.close();
});

const csv = (rows: string[]) => ['metric,person,date,value,source_id', ...rows].join('\n');

describe('metric ingestion', () => {
	it('stores a file, moves progress up the cascade, and a re-send changes nothing', async () => {
		const file = csv([
			'sales,zhang@example.test,2025-03-03,2000000,crm-1',
			'sales,zhang@example.test,2025-03-10,2500000,crm-2',
			'sales,zhang@example.test,2025-03-17,1500000,crm-3',
			'sales,li@example.test,2025-03-05,4000000,crm-4'
		]);
		const first = await ingestMetricValues(fx.em(), fx.orgId, parseMetricsCsv(file), {
			now: NOW,
			source: 'file'
		});
		expect(first).toMatchObject({ ok: true, inserted: 4, updated: 0, unchanged: 0 });
		expect(await progressOf(fx, fx.goals.zhangKr)).toBeCloseTo(60);
		expect(await progressOf(fx, fx.goals.liKr)).toBeCloseTo(40);
		expect(await progressOf(fx, fx.goals.sales)).toBeCloseTo(50);
		expect(await progressOf(fx, fx.goals.company)).toBeCloseTo(50);
		const current = await fx.query<{ current_value: number }>(
			'select current_value from goal where id = ?',
			[fx.goals.zhangKr]
		);
		expect(Number(current[0]?.current_value)).toBe(6_000_000);

		const again = await ingestMetricValues(fx.em(), fx.orgId, parseMetricsCsv(file), {
			now: NOW,
			source: 'file'
		});
		expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 4 });
		const count = await fx.query<{ n: number }>(
			'select count(*)::int as n from metric_value where organisation_id = ?',
			[fx.orgId]
		);
		expect(count[0]?.n).toBe(4);
		expect(await progressOf(fx, fx.goals.zhangKr)).toBeCloseTo(60);
	});

	it('treats a new value under the same source id as a correction', async () => {
		const report = await ingestMetricValues(
			fx.em(),
			fx.orgId,
			[
				{
					line: 1,
					metric: 'sales',
					person: fx.people.li,
					date: '2025-03-05',
					value: 5_000_000,
					sourceId: 'crm-4'
				}
			],
			{ now: NOW }
		);
		expect(report).toMatchObject({ ok: true, inserted: 0, updated: 1 });
		expect(await progressOf(fx, fx.goals.liKr)).toBeCloseTo(50);
	});

	it('reports bad rows by line and reason and stores nothing by default', async () => {
		const file = csv([
			'sales,zhang@example.test,2025-03-18,100,ok-1',
			'revenue,zhang@example.test,2025-03-18,100,bad-1',
			'sales,nobody@example.test,2025-03-18,100,bad-2',
			'sales,zhang@example.test,2025-03-18,lots,bad-3',
			'sales,zhang@example.test,18/03/2025,100,bad-4',
			'sales,zhang@example.test,2025-02-30,100,bad-5'
		]);
		const report = await ingestMetricValues(fx.em(), fx.orgId, parseMetricsCsv(file), { now: NOW });
		expect(report.ok).toBe(false);
		expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
			[3, 'unknown_metric'],
			[4, 'unknown_person'],
			[5, 'not_a_number'],
			[6, 'bad_date'],
			[7, 'bad_date']
		]);
		const stored = await fx.query('select 1 from metric_value where source_id = ?', ['ok-1']);
		expect(stored).toHaveLength(0);
	});

	it('stores the good rows with partial', async () => {
		const file = csv([
			'sales,zhang@example.test,2025-03-19,1000000,ok-2',
			'sales,zhang@example.test,not-a-date,5,bad-6'
		]);
		const report = await ingestMetricValues(fx.em(), fx.orgId, parseMetricsCsv(file), {
			now: NOW,
			partial: true
		});
		expect(report).toMatchObject({
			ok: true,
			inserted: 1,
			rejected: [{ line: 3, reason: 'bad_date' }]
		});
		expect(await progressOf(fx, fx.goals.zhangKr)).toBeCloseTo(70);
	});

	it('keeps the last of duplicate keys within one file', async () => {
		const file = csv([
			'sales,zhang@example.test,2025-03-20,1,dup',
			'sales,zhang@example.test,2025-03-20,2,dup'
		]);
		const report = await ingestMetricValues(fx.em(), fx.orgId, parseMetricsCsv(file), { now: NOW });
		expect(report).toMatchObject({ ok: true, inserted: 1 });
		const rows = await fx.query<{ value: number }>(
			'select value from metric_value where source_id = ?',
			['dup']
		);
		expect(rows.map((r) => Number(r.value))).toEqual([2]);
	});

	it('splits one day into new keys and corrections of stored ones', async () => {
		const file = csv([
			'sales,zhang@example.test,2025-03-20,3,dup',
			'sales,zhang@example.test,2025-03-20,7,mix-new',
			'sales,li@example.test,2025-03-21,8,mix-fresh'
		]);
		const report = await ingestMetricValues(fx.em(), fx.orgId, parseMetricsCsv(file), { now: NOW });
		expect(report).toMatchObject({ ok: true, inserted: 2, updated: 1, unchanged: 0 });
		const rows = await fx.query<{ source_id: string; value: number }>(
			`select source_id, value from metric_value where at in ('2025-03-20', '2025-03-21') order by source_id`
		);
		expect(rows.map((r) => [r.source_id, Number(r.value)])).toEqual([
			['dup', 3],
			['mix-fresh', 8],
			['mix-new', 7]
		]);
		const again = await ingestMetricValues(fx.em(), fx.orgId, parseMetricsCsv(file), { now: NOW });
		expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 3 });
	});

	it('reads quoted cells and other delimiters like plain ones', () => {
		const quoted = parseMetricsCsv(
			'metric;person;date;value;source_id\r\nsales;"li@example.test";2025-03-22;"1,5";"a;b"\r\n\r\nsales;x;2025-03-23;2;c\r\n'
		);
		expect(quoted).toEqual([
			{
				line: 2,
				metric: 'sales',
				person: 'li@example.test',
				date: '2025-03-22',
				value: '1,5',
				sourceId: 'a;b'
			},
			{ line: 4, metric: 'sales', person: 'x', date: '2025-03-23', value: 2, sourceId: 'c' }
		]);
		const plain = parseMetricsCsv(
			'metric\tunit\tdate\tvalue\nsales\tSales\t2025-03-22\t 4 \n\nsales\tSales\t2025-03-23\t5'
		);
		// Clean numbers arrive as numbers; anything else keeps its text for the report.
		expect(plain.map((v) => [v.line, v.unit, v.value])).toEqual([
			[2, 'Sales', 4],
			[4, 'Sales', 5]
		]);
	});

	it('stores source ids with tabs, backslashes and other scripts as they were', async () => {
		const ids = ['tab\there', 'back\\slash', '销售-十二月', 'line\\nbreak'];
		const report = await ingestMetricValues(
			fx.em(),
			fx.orgId,
			ids.map((sourceId, line) => ({
				line,
				metric: 'sales',
				person: 'li@example.test',
				date: '2025-03-24',
				value: line + 0.25,
				sourceId
			})),
			{ now: NOW }
		);
		expect(report).toMatchObject({ ok: true, inserted: 4 });
		const rows = await fx.query<{ source_id: string; value: number }>(
			`select source_id, value from metric_value where at = '2025-03-24' order by value`
		);
		expect(rows.map((r) => [r.source_id, Number(r.value)])).toEqual(
			ids.map((id, i) => [id, i + 0.25])
		);
	});

	it('classifies a large file whose last row corrects a stored value', async () => {
		// Enough rows for several COPY chunks; the existing key comes last, so the direct COPY
		// fails late and the rows are classified into new groups and the correction.
		const rows = Array.from(
			{ length: 30_000 },
			(_, i) =>
				`sales,${i % 2 ? 'li' : 'zhang'}@example.test,2025-04-${String(1 + (i % 28)).padStart(2, '0')},1,bulk-${i}`
		);
		rows.push('sales,zhang@example.test,2025-03-20,9,mix-new');
		const report = await ingestMetricValues(fx.em(), fx.orgId, readMetricsCsv(csv(rows)), {
			now: NOW
		});
		expect(report).toMatchObject({ ok: true, inserted: 30_000, updated: 1, unchanged: 0 });
		const stored = await fx.query<{ n: number; total: number }>(
			`select count(*)::int as n, sum(value)::float8 as total from metric_value where source_id like 'bulk-%'`
		);
		expect(stored[0]).toMatchObject({ n: 30_000, total: 30_000 });
		const corrected = await fx.query<{ value: number }>(
			'select value from metric_value where source_id = ?',
			['mix-new']
		);
		expect(Number(corrected[0]?.value)).toBe(9);
		const again = await ingestMetricValues(fx.em(), fx.orgId, readMetricsCsv(csv(rows)), {
			now: NOW
		});
		expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 30_001 });
	});

	it('records the metric signal for the next lag check', async () => {
		const rows = await fx.query(
			'select 1 from metric_signal where organisation_id = ? and subject_id = ?',
			[fx.orgId, fx.people.zhang]
		);
		expect(rows).toHaveLength(1);
	});
});
