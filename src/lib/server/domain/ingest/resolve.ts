/**
 * Checks incoming values and resolves names to ids: the metric key, the person (id or e-mail)
 * or unit (id or name), the number and the date. Good rows come back column-wise (cheap to
 * COPY or `unnest`); bad rows with their line and a reason a person can act on.
 */
import { isIsoDate } from '../../../domain/dates';
import type { Db } from '../db';
import type { IncomingValue } from './parse';

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

async function lookups(db: Db, orgId: string, values: readonly IncomingValue[]) {
	const people = new Set<string>();
	const units = new Set<string>();
	for (const value of values) {
		if (value.person) people.add(value.person);
		if (value.unit) units.add(value.unit);
	}
	const personRefs = [...people];
	const unitRefs = [...units];
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
	values: readonly IncomingValue[]
): Promise<{ good: ResolvedValues; rejected: RejectedRow[] }> {
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
	const days = new Map<string, string | null>();
	for (const row of values) {
		const reject = (reason: RejectReason, message: string) =>
			rejected.push({ line: row.line, reason, message });
		const metric = metricByKey.get(row.metric);
		if (!metric) {
			reject('unknown_metric', `Unknown metric "${row.metric}"`);
			continue;
		}
		if (metric.formula) {
			reject(
				'derived_metric',
				`Metric "${row.metric}" is derived by a formula and takes no values`
			);
			continue;
		}
		let subjectId: string | undefined;
		let subjectKind: 'person' | 'unit' = 'person';
		if (row.person) {
			subjectId = personByRef.get(row.person);
			if (!subjectId) {
				reject('unknown_person', `Unknown person "${row.person}"`);
				continue;
			}
		} else if (row.unit) {
			subjectKind = 'unit';
			subjectId = unitByRef.get(row.unit);
			if (!subjectId) {
				reject('unknown_unit', `Unknown org unit "${row.unit}"`);
				continue;
			}
		} else {
			reject('missing_subject', 'The row names neither a person nor a unit');
			continue;
		}
		const value = parseNumber(row.value);
		if (value === null) {
			reject('not_a_number', `"${String(row.value)}" is not a number`);
			continue;
		}
		let at: string | null | undefined;
		if (typeof row.date === 'string') {
			// A file holds few distinct dates: check each once.
			at = days.get(row.date);
			if (at === undefined) days.set(row.date, (at = parseDay(row.date)));
		} else at = parseDay(row.date);
		if (at === null) {
			reject('bad_date', `"${String(row.date)}" is not a date (use YYYY-MM-DD)`);
			continue;
		}
		good.metricId.push(metric.id);
		good.subjectId.push(subjectId);
		good.subjectKind.push(subjectKind);
		good.at.push(at);
		good.sourceId.push(row.sourceId ?? '');
		good.value.push(value);
	}
	return { good, rejected };
}
