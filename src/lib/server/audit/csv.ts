import Papa from 'papaparse';
import type { AuditRow } from './query';

/** Spreadsheet apps run cells starting with these as formulas; prefix them (OWASP CSV injection). */
function defuse(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const json = (value: unknown): string =>
	value === null || value === undefined ? '' : JSON.stringify(value);

/** The audit rows as CSV with a UTF-8 BOM, so Excel reads names in any script correctly. */
export function auditCsv(rows: readonly AuditRow[]): string {
	const body = Papa.unparse({
		fields: ['at', 'actor', 'action', 'entity', 'entity_id', 'before', 'after', 'ip', 'id'],
		data: rows.map((row) =>
			[
				row.at.toISOString(),
				row.actorLabel ?? '',
				row.action,
				row.entity,
				row.entityId ?? '',
				json(row.before),
				json(row.after),
				row.ip ?? '',
				row.id
			].map(defuse)
		)
	});
	return `\uFEFF${body}\r\n`;
}
