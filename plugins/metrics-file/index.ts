import Papa from 'papaparse';
import { definePlugin } from '../../src/lib/engine/plugin';

/** One row of an export, before the server checks it (unknown people, bad dates…). */
export type ExportRow = {
	line: number;
	metric: string;
	person?: string;
	unit?: string;
	date: string;
	value: string | number;
	sourceId?: string;
};

/** What the runtime hands the source in `ctx.services`; the plugin itself does no I/O. */
export type MetricFileServices = {
	fetch: (url: string) => Promise<{ ok: boolean; status: number; text: () => Promise<string> }>;
	readFile: (path: string) => Promise<string>;
	ingest: (rows: ExportRow[], options: { partial: boolean }) => Promise<unknown>;
};

const COLUMNS: Record<keyof Omit<ExportRow, 'line'>, readonly string[]> = {
	metric: ['metric', 'metric_key', 'key'],
	person: ['person', 'employee', 'email', 'employee_id', 'person_id'],
	unit: ['unit', 'org_unit', 'unit_id'],
	date: ['date', 'at', 'day', 'period'],
	value: ['value', 'amount'],
	sourceId: ['source_id', 'id', 'record_id']
};

function pick(record: Record<string, unknown>, line: number): ExportRow {
	const lower = new Map(Object.entries(record).map(([k, v]) => [k.trim().toLowerCase(), v]));
	const get = (field: keyof typeof COLUMNS) => {
		for (const name of COLUMNS[field]) {
			const value = lower.get(name.toLowerCase()) ?? lower.get(field.toLowerCase());
			if (value !== undefined && value !== null && value !== '') return value;
		}
		return undefined;
	};
	const text = (value: unknown) => (value === undefined ? undefined : String(value).trim());
	const value = get('value');
	const row: ExportRow = {
		line,
		metric: text(get('metric')) ?? '',
		date: text(get('date')) ?? '',
		value: typeof value === 'number' ? value : (text(value) ?? '')
	};
	const person = text(get('person'));
	const unit = text(get('unit'));
	const sourceId = text(get('sourceId'));
	return {
		...row,
		...(person ? { person } : {}),
		...(unit ? { unit } : {}),
		...(sourceId ? { sourceId } : {})
	};
}

/**
 * Reads an export: a JSON array of objects (or `{ values: [...] }`), or CSV with a header
 * row. Lines are 1-based data lines for JSON and file lines (header = 1) for CSV.
 */
export function parseExport(text: string, format: 'json' | 'csv'): ExportRow[] {
	if (format === 'json') {
		const parsed = JSON.parse(text) as unknown;
		const list = Array.isArray(parsed)
			? parsed
			: ((parsed as { values?: unknown[] } | null)?.values ?? []);
		return list.map((item, i) => pick((item ?? {}) as Record<string, unknown>, i + 1));
	}
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const parsed = Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: true });
	return parsed.data.map((record, i) => pick(record, i + 2));
}

function formatOf(params: Record<string, unknown>, location: string): 'json' | 'csv' {
	if (params.format === 'json' || params.format === 'csv') return params.format;
	return /\.json($|\?)/i.test(location) ? 'json' : 'csv';
}

/**
 * A metric source that stands for an ERP/CRM connector: on its croner schedule it reads a
 * JSON or CSV export from a URL or a file and ingests the rows (idempotently: each row's
 * source id, or metric+subject+date, identifies it, so a re-pull changes nothing).
 */
export default definePlugin({
	id: 'metrics-file',
	version: '1.0.0',
	label: { en: 'Metric export file', 'zh-CN': '指标导出文件' },
	metricSources: {
		export: {
			label: { en: 'Export from a URL or file', 'zh-CN': '从网址或文件导入' },
			description: 'Reads a JSON or CSV export (metric, person or unit, date, value, source_id)',
			params: {
				type: 'object',
				properties: {
					url: { type: 'string', format: 'uri', title: 'URL' },
					file: { type: 'string', title: 'File path' },
					format: { type: 'string', enum: ['json', 'csv'], title: 'Format' },
					schedule: { type: 'string', title: 'Schedule (cron)', default: '0 * * * *' },
					partial: { type: 'boolean', title: 'Store good rows when some are bad' }
				},
				additionalProperties: false
			},
			pull: async (ctx, params) => {
				const services = ctx.services as unknown as MetricFileServices;
				const url = typeof params.url === 'string' ? params.url : undefined;
				const file = typeof params.file === 'string' ? params.file : undefined;
				if (!url && !file) throw new Error('metrics-file: give url or file');
				let text: string;
				if (url) {
					const response = await services.fetch(url);
					if (!response.ok) throw new Error(`metrics-file: ${url} answered ${response.status}`);
					text = await response.text();
				} else {
					text = await services.readFile(file as string);
				}
				const rows = parseExport(text, formatOf(params, url ?? (file as string)));
				return services.ingest(rows, { partial: params.partial === true });
			}
		}
	}
});
