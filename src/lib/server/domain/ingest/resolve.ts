/**
 * Checks incoming values and resolves names to ids: the metric key, the person (id or e-mail)
 * or unit (id or name), the number and the date. Good rows come back column-wise (cheap to
 * COPY or `unnest`); bad rows with their line and a reason a person can act on.
 */
import { isIsoDate } from '../../../domain/dates';
import type { Db } from '../db';
import { toColumns, type IncomingBatch, type IncomingColumns } from './parse';

export const REJECT_REASONS = [
	'unknown_metric',
	'derived_metric',
	'unknown_person',
	'unknown_unit',
	'missing_subject',
	'not_a_number',
	'bad_date'
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type RejectedRow = { line: number; reason: RejectReason; message: string };

/** Good rows, column-wise. */
export type ResolvedValues = {
	metricId: string[];
	subjectId: string[];
	subjectKind: ('person' | 'unit')[];
	at: string[];
	sourceId: string[];
	value: number[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A number from a cell: finite, no thousands separators guessed at. */
export function parseNumber(raw: string | number): number | null {
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
	const text = raw.trim();
	if (text === '') return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}

/** A calendar date from `YYYY-MM-DD`, an ISO-8601 instant (its UTC date) or a Date cell. */
export function parseDay(raw: string | Date): string | null {
	if (raw instanceof Date)
		return Number.isNaN(raw.getTime()) ? null : raw.toISOString().slice(0, 10);
	const text = raw.trim();
	if (text.length === 10) return isIsoDate(text) ? text : null;
	if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}

async function lookups(db: Db, orgId: string, values: IncomingColumns) {
	const personRefs = [...new Set(values.person)].filter((ref) => ref !== '');
	const unitRefs = [...new Set(values.unit)].filter((ref) => ref !== '');
	const metrics = await db.query<{ id: string; key: string; formula: string | null }>(
		'select id, key, formula from metric_definition where organisation_id = $1',
		[orgId]
	);
	const persons = await (personRefs.length === 0
		? []
		: db.query<{ id: string; email: string }>(
				// Joins against the distinct references: `= any(array)` is a per-row scan of the
				// whole array, quadratic with 10k people in a file.
				`select e.id, e.email from unnest($2::text[]) as r(ref) join employee e
				   on e.organisation_id = $1 and e.email = r.ref
				 union
				 select e.id, e.email from unnest($3::uuid[]) as r(ref) join employee e
				   on e.organisation_id = $1 and e.id = r.ref`,
				[orgId, personRefs, personRefs.filter((ref) => UUID.test(ref))]
			));
	const orgUnits = await (unitRefs.length === 0
		? []
		: db.query<{ id: string; name: string }>(
				`select u.id, u.name from unnest($2::text[]) as r(ref) join org_unit u
				   on u.organisation_id = $1 and u.name = r.ref
				 union
				 select u.id, u.name from unnest($3::uuid[]) as r(ref) join org_unit u
				   on u.organisation_id = $1 and u.id = r.ref`,
				[orgId, unitRefs, unitRefs.filter((ref) => UUID.test(ref))]
			));
	const metricByKey = new Map(metrics.map((m) => [m.key, m]));
	const personByRef = new Map<string, string>();
	for (const person of persons) {
		personByRef.set(person.id, person.id);
		personByRef.set(person.email, person.id);
	}
	const unitByRef = new Map<string, string>();
	for (const unit of orgUnits) {
		unitByRef.set(unit.id, unit.id);
		unitByRef.set(unit.name, unit.id);
	}
	return { metricByKey, personByRef, unitByRef };
}

/** Splits incoming values into resolved good rows and rejected ones (every reason found first). */
export async function resolveValues(
	db: Db,
	orgId: string,
	batch: IncomingBatch
): Promise<{ good: ResolvedValues; rejected: RejectedRow[] }> {
	const values = toColumns(batch);
	const { metricByKey, personByRef, unitByRef } = await lookups(db, orgId, values);
	const good: ResolvedValues = {
		metricId: [],
		subjectId: [],
		subjectKind: [],
		at: [],
		sourceId: [],
		value: []
	};
	const rejected: RejectedRow[] = [];
	// A file holds few distinct dates: each is checked once.
	const days = new Map<string, string | null>();
	const total = values.line.length;
	let i = 0;
	const reject = (reason: RejectReason, message: string) =>
		rejected.push({ line: values.line[i] as number, reason, message });
	for (; i < total; i++) {
		const key = values.metric[i] as string;
		const metric = metricByKey.get(key);
		if (!metric) {
			reject('unknown_metric', `Unknown metric "${key}"`);
			continue;
		}
		if (metric.formula) {
			reject('derived_metric', `Metric "${key}" is derived by a formula and takes no values`);
			continue;
		}
		const person = values.person[i] as string;
		const unit = values.unit[i] as string;
		let subjectId: string | undefined;
		let subjectKind: 'person' | 'unit' = 'person';
		if (person) {
			subjectId = personByRef.get(person);
			if (!subjectId) {
				reject('unknown_person', `Unknown person "${person}"`);
				continue;
			}
		} else if (unit) {
			subjectKind = 'unit';
			subjectId = unitByRef.get(unit);
			if (!subjectId) {
				reject('unknown_unit', `Unknown org unit "${unit}"`);
				continue;
			}
		} else {
			reject('missing_subject', 'The row names neither a person nor a unit');
			continue;
		}
		const raw = values.value[i] as string | number;
		const value = parseNumber(raw);
		if (value === null) {
			reject('not_a_number', `"${String(raw)}" is not a number`);
			continue;
		}
		const date = values.date[i] as string | Date;
		let at: string | null | undefined;
		if (typeof date === 'string') {
			at = days.get(date);
			if (at === undefined) days.set(date, (at = parseDay(date)));
		} else at = parseDay(date);
		if (at === null) {
			reject('bad_date', `"${String(date)}" is not a date (use YYYY-MM-DD)`);
			continue;
		}
		good.metricId.push(metric.id);
		good.subjectId.push(subjectId);
		good.subjectKind.push(subjectKind);
		good.at.push(at);
		good.sourceId.push(values.sourceId[i] as string);
		good.value.push(value);
	}
	return { good, rejected };
}
