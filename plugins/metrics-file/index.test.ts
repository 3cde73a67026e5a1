import { describe, expect, it } from 'vitest';
import plugin, { parseExport, type ExportRow, type MetricFileServices } from './index';

const pull = plugin.metricSources.export.pull;

function services(files: Record<string, string>, urls: Record<string, string> = {}) {
	const ingested: { rows: ExportRow[]; partial: boolean }[] = [];
	const value: MetricFileServices = {
		readFile: (path) =>
			path in files ? Promise.resolve(files[path] as string) : Promise.reject(new Error('ENOENT')),
		fetch: (url) =>
			Promise.resolve({
				ok: url in urls,
				status: url in urls ? 200 : 404,
				text: () => Promise.resolve(urls[url] ?? '')
			}),
		ingest: (rows, options) => {
			ingested.push({ rows, partial: options.partial });
			return Promise.resolve({ ok: true, received: rows.length });
		}
	};
	return { value, ingested };
}

const ctx = (s: MetricFileServices) => ({
	organisationId: 'org',
	instanceId: '',
	idempotencyKey: 'k',
	services: s as unknown as Record<string, unknown>
});

describe('metrics-file', () => {
	it('reads CSV with any column order and its file lines', () => {
		expect(
			parseExport(
				'Value,Date,Metric,Email,ID\n5,2025-03-01,sales,a@x.test,r1\n\n7,2025-03-02,sales,b@x.test,\n',
				'csv'
			)
		).toEqual([
			{
				line: 2,
				metric: 'sales',
				date: '2025-03-01',
				value: '5',
				person: 'a@x.test',
				sourceId: 'r1'
			},
			{ line: 3, metric: 'sales', date: '2025-03-02', value: '7', person: 'b@x.test' }
		]);
	});

	it('reads a JSON array or { values }', () => {
		const rows = [{ metric: 'sales', unit: 'Sales', date: '2025-03-01', value: 9, sourceId: 's1' }];
		const expected = [
			{ line: 1, metric: 'sales', unit: 'Sales', date: '2025-03-01', value: 9, sourceId: 's1' }
		];
		expect(parseExport(JSON.stringify(rows), 'json')).toEqual(expected);
		expect(parseExport(JSON.stringify({ values: rows }), 'json')).toEqual(expected);
	});

	it('pulls a file or a URL through the services it is given', async () => {
		const s = services(
			{ '/exports/sales.csv': 'metric,person,date,value\nsales,a@x.test,2025-03-01,5\n' },
			{
				'http://erp.test/sales.json':
					'[{"metric":"sales","person":"b@x.test","date":"2025-03-01","value":3}]'
			}
		);
		await pull?.(ctx(s.value), { file: '/exports/sales.csv' });
		await pull?.(ctx(s.value), { url: 'http://erp.test/sales.json', partial: true });
		expect(s.ingested.map((i) => [i.rows[0]?.person, i.partial])).toEqual([
			['a@x.test', false],
			['b@x.test', true]
		]);
	});

	it('fails with the reason when the export cannot be read', async () => {
		const s = services({});
		await expect(pull?.(ctx(s.value), { url: 'http://erp.test/missing.csv' })).rejects.toThrow(
			/404/
		);
		await expect(pull?.(ctx(s.value), {})).rejects.toThrow(/url or file/);
	});
});
