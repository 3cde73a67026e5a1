import { describe, expect, it } from 'vitest';
import { parseMetricsCsv, readMetricsCsv, toColumns, toRows } from './parse';

describe('reading metric CSV', () => {
	it('finds columns by header name in any order and keeps line numbers across blank lines', () => {
		const rows = parseMetricsCsv(
			'\ufeffSource_ID, Value ,Date,Person,Metric\r\nx-1,12.5,2025-03-01,li@example.test,sales\r\n\r\nx-2,7,2025-03-02,zhang@example.test,sales\r\n'
		);
		expect(rows).toEqual([
			{
				line: 2,
				metric: 'sales',
				person: 'li@example.test',
				date: '2025-03-01',
				value: 12.5,
				sourceId: 'x-1'
			},
			{
				line: 4,
				metric: 'sales',
				person: 'zhang@example.test',
				date: '2025-03-02',
				value: 7,
				sourceId: 'x-2'
			}
		]);
	});

	it('trims cells, leaves missing trailing cells empty and keeps bad numbers as text', () => {
		const columns = readMetricsCsv(
			'metric,person,date,value,source_id\n sales , li@example.test ,2025-03-01, lots \nsales,li@example.test,2025-03-02'
		);
		expect(columns.metric).toEqual(['sales', 'sales']);
		expect(columns.person).toEqual(['li@example.test', 'li@example.test']);
		expect(columns.value).toEqual(['lots', '']);
		expect(columns.sourceId).toEqual(['', '']);
		expect(columns.line).toEqual([2, 3]);
	});

	it('reads a quoted file like the same file unquoted', () => {
		const plain = readMetricsCsv(
			'metric;unit;date;value\nsales;Sales;2025-03-01;4\nsales;Sales;2025-03-02;5'
		);
		const quoted = readMetricsCsv(
			'"metric";"unit";"date";"value"\n"sales";"Sales";"2025-03-01";"4"\nsales;"Sales";2025-03-02;5'
		);
		expect(toRows(quoted)).toEqual(toRows(plain));
		expect(toRows(plain).map((row) => row.unit)).toEqual(['Sales', 'Sales']);
	});

	it('says what the header lacks, and that an empty file is empty', () => {
		expect(() => readMetricsCsv('')).toThrow(/empty/);
		expect(() => readMetricsCsv('metric,date\nsales,2025-03-01')).toThrow(/lacks value, person/);
	});

	it('converts between rows and columns without losing a cell', () => {
		const rows = [
			{ line: 1, metric: 'a', person: 'p', date: '2025-01-01', value: 1, sourceId: 's' },
			{ line: 2, metric: 'b', unit: 'u', date: new Date('2025-01-02'), value: 'x' }
		];
		expect(toRows(toColumns(rows))).toEqual(rows);
	});
});
