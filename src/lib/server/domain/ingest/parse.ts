/**
 * Reading metric files: CSV (papaparse) and XLSX (exceljs) into raw rows with their line
 * numbers. Nothing is judged here beyond the header; {@link resolveValues} decides which rows
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

function toValue(row: readonly unknown[], at: Record<Column, number>, line: number): IncomingValue {
	const date = at.date >= 0 ? row[at.date] : undefined;
	const value = at.value >= 0 ? row[at.value] : undefined;
	const result: IncomingValue = {
		line,
		metric: cellText(at.metric >= 0 ? row[at.metric] : undefined),
		date: date instanceof Date ? date : cellText(date),
		value: typeof value === 'number' ? value : cellText(value)
	};
	// Optional fields stay absent (not empty) when the cell is blank.
	const person = at.person >= 0 ? cellText(row[at.person]) : '';
	if (person) result.person = person;
	const unit = at.unit >= 0 ? cellText(row[at.unit]) : '';
	if (unit) result.unit = unit;
	const sourceId = at.sourceId >= 0 ? cellText(row[at.sourceId]) : '';
	if (sourceId) result.sourceId = sourceId;
	return result;
}

/**
 * Splits CSV text without quotes (what exports of metric data nearly always are) by plain
 * string search, several times faster than a general parser; `null` when the text needs one
 * (quotes, or a bare carriage return as line end).
 */
function splitPlain(body: string, delimiter: string): string[][] | null {
	if (body.includes('"')) return null;
	const crlf = body.includes('\r\n');
	if (!crlf && body.includes('\r')) return null;
	const rows: string[][] = [];
	let start = 0;
	while (start <= body.length) {
		let end = body.indexOf('\n', start);
		if (end < 0) end = body.length;
		const stop = crlf && body.charCodeAt(end - 1) === 13 ? end - 1 : end;
		rows.push(body.slice(start, stop).split(delimiter));
		start = end + 1;
	}
	return rows;
}

/** Parses CSV text (a BOM is ignored). Blank lines are skipped but keep the line count. */
export function parseMetricsCsv(text: string): IncomingValue[] {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	// The delimiter is guessed (comma, semicolon, tab, …) from the first lines, as before.
	let headEnd = 0;
	for (let n = 0; n < 10 && headEnd >= 0; n++) headEnd = body.indexOf('\n', headEnd + 1);
	const head = headEnd < 0 ? body : body.slice(0, headEnd);
	const delimiter = Papa.parse<string[]>(head, { preview: 10 }).meta.delimiter || ',';
	const data =
		splitPlain(body, delimiter) ?? Papa.parse<string[]>(body, { skipEmptyLines: false }).data;
	const header = data[0];
	if (!header || (header.length === 1 && header[0] === '' && data.length <= 1))
		throw AppError.badRequest('The file is empty', 'file');
	const at = columnIndexes(header);
	const values: IncomingValue[] = [];
	for (let i = 1; i < data.length; i++) {
		const row = data[i] as string[];
		if (row.length === 1 && row[0] === '') continue;
		values.push(toValue(row, at, i + 1));
	}
	return values;
}

/** Reads the first worksheet of an XLSX file. Date cells arrive as dates. */
export async function parseMetricsXlsx(data: ArrayBuffer | Uint8Array): Promise<IncomingValue[]> {
	const workbook = new ExcelJS.Workbook();
	const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
	await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
	const sheet = workbook.worksheets[0];
	if (!sheet) throw AppError.badRequest('The workbook has no worksheet', 'file');
	let at: Record<Column, number> | undefined;
	const values: IncomingValue[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, line) => {
		// exceljs rows are 1-based with a hole at index 0.
		const cells = (row.values as unknown[]).slice(1);
		if (!at) {
			at = columnIndexes(cells);
			return;
		}
		values.push(toValue(cells, at, line));
	});
	if (!at) throw AppError.badRequest('The file is empty', 'file');
	return values;
}

/** Picks the parser by file name. */
export async function parseMetricsFile(name: string, data: Uint8Array): Promise<IncomingValue[]> {
	const lower = name.toLowerCase();
	if (lower.endsWith('.xlsx')) return parseMetricsXlsx(data);
	if (lower.endsWith('.csv') || lower.endsWith('.txt'))
		return parseMetricsCsv(new TextDecoder().decode(data));
	throw AppError.badRequest(`Unsupported file type: ${name} (use .csv or .xlsx)`, 'file');
}
