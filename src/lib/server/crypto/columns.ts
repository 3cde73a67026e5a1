/**
 * Every encrypted column, so that `loopwork rotate-key` and the at-rest test find them all.
 * A service that stores a confidential field seals it with `encryptField` using
 * `field: '<table>.<column>'` and the row's `id`, and adds the column here.
 *  - `text`: the column holds the envelope string itself.
 *  - `json`: a jsonb column holding `{ "$enc": envelope }` (or null / a plain value for rows
 *    that carry nothing confidential).
 */
export type EncryptedColumn = {
	readonly table: string;
	readonly column: string;
	readonly format: 'text' | 'json';
	/** The AAD field name; defaults to `<table>.<column>`. */
	readonly field?: string;
};

const columns: EncryptedColumn[] = [
	// The audit trail keeps before/after of scores, evaluations and salary proposals sealed.
	{ table: 'audit_log', column: 'before', format: 'json' },
	{ table: 'audit_log', column: 'after', format: 'json' }
];

export function registerEncryptedColumn(column: EncryptedColumn): void {
	if (!/^[a-z_][a-z0-9_]*$/.test(column.table) || !/^[a-z_][a-z0-9_]*$/.test(column.column)) {
		throw new TypeError(`bad identifier ${column.table}.${column.column}`);
	}
	const known = columns.some((c) => c.table === column.table && c.column === column.column);
	if (!known) columns.push(column);
}

export function encryptedColumns(): readonly EncryptedColumn[] {
	return columns;
}

export function fieldName(column: EncryptedColumn): string {
	return column.field ?? `${column.table}.${column.column}`;
}
