/**
 * Reading metric files: CSV (plain string search, papaparse for quoted cells) and XLSX
 * (exceljs) into raw columns with their line numbers. Nothing is judged here beyond the header; {@link resolveValues} decides which rows
 * are good. Columns are found by header name, case-insensitive, in any order.
 */
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { AppError } from '../../runtime/errors';

/** One value as it arrived (JSON body, file row or a source plugin), not yet checked. */
export type IncomingValue = {
	/** 1-based line in the file (the header is line 1), or the index in a JSON batch. */
	line: number;
	metric: string;
	/** An employee id or e-mail. */
	person?: string;
	/** An org-unit id or name, for unit-level values. */
	unit?: string;
	date: string | Date;
	value: string | number;
	sourceId?: string;
};

const COLUMNS = {
	metric: ['metric', 'metric_key', 'key'],
	person: ['person', 'employee', 'email', 'employee_id', 'person_id'],
	unit: ['unit', 'org_unit', 'unit_id'],
	date: ['date', 'at', 'day', 'period'],
	value: ['value', 'amount'],
	sourceId: ['source_id', 'id', 'record_id']
} as const;
type Column = keyof typeof COLUMNS;

function columnIndexes(header: readonly unknown[]): Record<Column, number> {
	const names = header.map((cell) =>
		String(cell ?? '')
			.trim()
			.toLowerCase()
	);
	const find = (column: Column) =>
		names.findIndex((name) => (COLUMNS[column] as readonly string[]).includes(name));
	const indexes = {
		metric: find('metric'),
		person: find('person'),
		unit: find('unit'),
		date: find('date'),
		value: find('value'),
		sourceId: find('sourceId')
	};
	const missing = (['metric', 'date', 'value'] as const).filter((column) => indexes[column] < 0);
	if (indexes.person < 0 && indexes.unit < 0) missing.push('person' as never);
	if (missing.length > 0) {
		throw AppError.badRequest(
			`The header lacks ${missing.join(', ')} (expected columns: metric, person or unit, date, value, source_id)`,
			'header'
		);
	}
	return indexes;
}

function cellText(cell: unknown): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'object' && 'text' in cell) return String((cell as { text: unknown }).text);
	if (typeof cell === 'object' && 'result' in cell)
		return String((cell as { result: unknown }).result);
	return String(cell).trim();
}

/**
 * Values column-wise, as files arrive (one entry per row; `''` where a cell is blank). A
 * million rows as objects cost a second of allocation before anything is checked; columns
 * of the cells' own strings cost a fraction of that.
 */
export type IncomingColumns = {
	readonly kind: 'columns';
	line: number[];
	metric: string[];
	person: string[];
	unit: string[];
	date: (string | Date)[];
	value: (string | number)[];
	sourceId: string[];
};

/** What ingestion takes: rows (JSON, plugins, spreadsheets) or columns (CSV files). */
export type IncomingBatch = readonly IncomingValue[] | IncomingColumns;

export function emptyColumns(): IncomingColumns {
	return {
		kind: 'columns',
		line: [],
		metric: [],
		person: [],
		unit: [],
		date: [],
		value: [],
		sourceId: []
	};
}

export function batchSize(batch: IncomingBatch): number {
	return 'kind' in batch ? batch.line.length : batch.length;
}

/** Rows to columns. */
export function toColumns(batch: IncomingBatch): IncomingColumns {
	if ('kind' in batch) return batch;
	const columns = emptyColumns();
	for (const row of batch) {
		columns.line.push(row.line);
		columns.metric.push(row.metric);
		columns.person.push(row.person ?? '');
		columns.unit.push(row.unit ?? '');
		columns.date.push(row.date);
		columns.value.push(row.value);
		columns.sourceId.push(row.sourceId ?? '');
	}
	return columns;
}

/** Columns to rows (optional cells absent rather than empty). */
export function toRows(batch: IncomingBatch): IncomingValue[] {
	if (!('kind' in batch)) return [...batch];
	return batch.line.map((line, i) => {
		const row: IncomingValue = {
			line,
			metric: batch.metric[i] as string,
			date: batch.date[i] as string | Date,
			value: batch.value[i] as string | number
		};
		if (batch.person[i]) row.person = batch.person[i];
		if (batch.unit[i]) row.unit = batch.unit[i];
		if (batch.sourceId[i]) row.sourceId = batch.sourceId[i];
		return row;
	});
}

/** A clean number is kept as one; anything else as its text, for the report. */
function numberOrText(text: string): string | number {
	const value = text === '' ? NaN : Number(text);
	return Number.isFinite(value) ? value : text;
}

function pushRow(
	into: IncomingColumns,
	row: readonly unknown[],
	at: Record<Column, number>,
	line: number
): void {
	const date = at.date >= 0 ? row[at.date] : undefined;
	const value = at.value >= 0 ? row[at.value] : undefined;
	into.line.push(line);
	into.metric.push(cellText(at.metric >= 0 ? row[at.metric] : undefined));
	into.person.push(at.person >= 0 ? cellText(row[at.person]) : '');
	into.unit.push(at.unit >= 0 ? cellText(row[at.unit]) : '');
	into.date.push(date instanceof Date ? date : cellText(date));
	into.value.push(typeof value === 'number' ? value : numberOrText(cellText(value)));
	into.sourceId.push(at.sourceId >= 0 ? cellText(row[at.sourceId]) : '');
}

const SPACE = 32;

/** A cell without surrounding white space; trims only when there is some (most cells have none). */
function cell(line: string, from: number, to: number): string {
	if (from < to && (line.charCodeAt(from) <= SPACE || line.charCodeAt(to - 1) <= SPACE))
		return line.slice(from, to).trim();
	return line.slice(from, to);
}

/**
 * Reads CSV without quotes (what exports of metric data nearly always are) by plain string
 * search straight into columns, only slicing the cells that are read; `false` when the text
 * needs a general parser (quotes, or a bare carriage return as line end).
 */
function readPlain(
	body: string,
	delimiter: string,
	at: Record<Column, number>,
	bodyStart: number,
	into: IncomingColumns
): boolean {
	if (body.includes('"')) return false;
	const crlf = body.includes('\r\n');
	if (!crlf && body.includes('\r')) return false;
	const last = Math.max(...Object.values(at));
	// Where each cell up to the last one read begins and ends on the current line (-1: absent).
	const begin = new Int32Array(last + 1);
	const finish = new Int32Array(last + 1);
	const read = (index: number) =>
		index < 0 || begin[index]! < 0 ? '' : cell(body, begin[index]!, finish[index]!);
	// Cells that repeat (metric keys, people, units, dates) are kept once: a million rows of
	// strings that outlive the parse cost more in garbage collection than the parse itself.
	const seen = new Map<string, string>();
	const intern = (index: number) => {
		const text = read(index);
		const known = seen.get(text);
		if (known !== undefined) return known;
		seen.set(text, text);
		return text;
	};
	let line = 1;
	let start = bodyStart;
	while (start < body.length) {
		line++;
		let end = body.indexOf('\n', start);
		if (end < 0) end = body.length;
		const stop = crlf && body.charCodeAt(end - 1) === 13 ? end - 1 : end;
		if (stop > start) {
			let from = start;
			for (let column = 0; column <= last; column++) {
				if (from > stop) {
					begin[column] = -1;
					continue;
				}
				let next = body.indexOf(delimiter, from);
				if (next < 0 || next > stop) next = stop;
				begin[column] = from;
				finish[column] = next;
				from = next + delimiter.length;
			}
			into.line.push(line);
			into.metric.push(intern(at.metric));
			into.person.push(intern(at.person));
			into.unit.push(intern(at.unit));
			into.date.push(intern(at.date));
			into.value.push(numberOrText(read(at.value)));
			into.sourceId.push(read(at.sourceId));
		}
		start = end + 1;
	}
	return true;
}

/** Reads CSV text into columns (a BOM is ignored). Blank lines are skipped but keep the line count. */
export function readMetricsCsv(text: string): IncomingColumns {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	// The delimiter is guessed (comma, semicolon, tab, …) from the first lines.
	let headEnd = 0;
	for (let n = 0; n < 10 && headEnd >= 0; n++) headEnd = body.indexOf('\n', headEnd + 1);
	const head = headEnd < 0 ? body : body.slice(0, headEnd);
	const delimiter = Papa.parse<string[]>(head, { preview: 10 }).meta.delimiter || ',';
	const firstEnd = body.indexOf('\n');
	const firstLine = (firstEnd < 0 ? body : body.slice(0, firstEnd)).replace(/\r$/, '');
	if (firstLine.trim() === '' && firstEnd < 0)
		throw AppError.badRequest('The file is empty', 'file');
	const columns = emptyColumns();
	if (!firstLine.includes('"')) {
		const at = columnIndexes(firstLine.split(delimiter));
		if (readPlain(body, delimiter, at, firstEnd < 0 ? body.length : firstEnd + 1, columns))
			return columns;
	}
	const data = Papa.parse<string[]>(body, { skipEmptyLines: false }).data;
	const header = data[0];
	if (!header || (header.length === 1 && header[0] === '' && data.length <= 1))
		throw AppError.badRequest('The file is empty', 'file');
	const at = columnIndexes(header);
	for (let i = 1; i < data.length; i++) {
		const row = data[i] as string[];
		if (row.length === 1 && row[0] === '') continue;
		pushRow(columns, row, at, i + 1);
	}
	return columns;
}

/** {@link readMetricsCsv} as rows. */
export function parseMetricsCsv(text: string): IncomingValue[] {
	return toRows(readMetricsCsv(text));
}

/** Reads the first worksheet of an XLSX file. Date cells arrive as dates. */
export async function parseMetricsXlsx(data: ArrayBuffer | Uint8Array): Promise<IncomingColumns> {
	const workbook = new ExcelJS.Workbook();
	const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
	await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
	const sheet = workbook.worksheets[0];
	if (!sheet) throw AppError.badRequest('The workbook has no worksheet', 'file');
	let at: Record<Column, number> | undefined;
	const values = emptyColumns();
	sheet.eachRow({ includeEmpty: false }, (row, line) => {
		// exceljs rows are 1-based with a hole at index 0.
		const cells = (row.values as unknown[]).slice(1);
		if (!at) {
			at = columnIndexes(cells);
			return;
		}
		pushRow(values, cells, at, line);
	});
	if (!at) throw AppError.badRequest('The file is empty', 'file');
	return values;
}

/** Picks the parser by file name. */
export async function parseMetricsFile(name: string, data: Uint8Array): Promise<IncomingColumns> {
	const lower = name.toLowerCase();
	if (lower.endsWith('.xlsx')) return parseMetricsXlsx(data);
	if (lower.endsWith('.csv') || lower.endsWith('.txt'))
		return readMetricsCsv(new TextDecoder().decode(data));
	throw AppError.badRequest(`Unsupported file type: ${name} (use .csv or .xlsx)`, 'file');
}
