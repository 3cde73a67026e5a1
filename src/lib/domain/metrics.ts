/**
 * Metric definitions as data: what is measured, in which unit, how values combine over a
 * window and which direction is better. A derived metric is a CEL formula over other metrics
 * (`profit / active_users`), evaluated by the engine's safe expression evaluator.
 */
import {
	addDays,
	compareDates,
	endOfMonthDate,
	startOfIsoWeekDate,
	startOfMonthDate,
	type IsoDate
} from './dates';
import type { LocalizedText } from './result';

export const AGGREGATIONS = ['sum', 'average', 'last', 'min', 'max', 'count'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

/**
 * How values are shown: a currency (ISO 4217 code), a percentage (values are 0–100), or a
 * count/quantity with a label the UI translates by key (`users`, `commits`).
 */
export type MetricUnit =
	| { readonly kind: 'currency'; readonly code: string; readonly decimals: number }
	| { readonly kind: 'percent'; readonly decimals: number }
	| { readonly kind: 'quantity'; readonly label: string; readonly decimals: number };

/** A metric definition. `formula` makes it derived; its identifiers are other metrics' keys. */
export interface MetricDefinition {
	/** Stable identifier, also the variable name in formulas: `[a-z][a-z0-9_]*`. */
	readonly key: string;
	readonly name: LocalizedText;
	readonly unit: MetricUnit;
	readonly aggregation: Aggregation;
	/** The natural reporting period (a KR may use another window). */
	readonly period: Period;
	readonly direction: Direction;
	readonly formula?: string;
	readonly description?: LocalizedText;
}

/** One observed value of a metric for a subject (a person or an org unit) on a calendar date. */
export interface MetricValue {
	readonly metricKey: string;
	readonly subjectId: string;
	readonly date: IsoDate;
	readonly value: number;
}

/** An inclusive range of calendar dates. */
export interface DateRange {
	readonly from: IsoDate;
	readonly to: IsoDate;
}

/**
 * Combines values with an aggregation. `values` must be in date order for `last`. Empty input
 * gives 0 for `sum`/`count` and null otherwise (no data is not zero).
 */
export function aggregate(values: readonly number[], aggregation: Aggregation): number | null {
	if (aggregation === 'count') return values.length;
	if (aggregation === 'sum') return values.reduce((total, value) => total + value, 0);
	if (values.length === 0) return null;
	switch (aggregation) {
		case 'average':
			return values.reduce((total, value) => total + value, 0) / values.length;
		case 'last':
			return values[values.length - 1] ?? null;
		case 'min':
			return Math.min(...values);
		case 'max':
			return Math.max(...values);
	}
}

/** Aggregates the values of one metric and subject that fall within `range`, in date order. */
export function aggregateInRange(
	values: readonly MetricValue[],
	aggregation: Aggregation,
	range: DateRange
): number | null {
	const inRange = values
		.filter((v) => compareDates(v.date, range.from) >= 0 && compareDates(v.date, range.to) <= 0)
		.sort((a, b) => compareDates(a.date, b.date));
	return aggregate(
		inRange.map((v) => v.value),
		aggregation
	);
}

/** The calendar period containing `date`. Weeks are ISO weeks (Monday first). */
export function periodRange(period: Period, date: IsoDate): DateRange {
	switch (period) {
		case 'day':
			return { from: date, to: date };
		case 'week': {
			const from = startOfIsoWeekDate(date);
			return { from, to: addDays(from, 6) };
		}
		case 'month':
			return { from: startOfMonthDate(date), to: endOfMonthDate(date) };
		case 'quarter': {
			const month = Number(date.slice(5, 7));
			const first = month - ((month - 1) % 3);
			const from = `${date.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
			return {
				from,
				to: endOfMonthDate(`${date.slice(0, 4)}-${String(first + 2).padStart(2, '0')}-01`)
			};
		}
		case 'year':
			return { from: `${date.slice(0, 4)}-01-01`, to: `${date.slice(0, 4)}-12-31` };
	}
}

const CEL_RESERVED = new Set([
	'true',
	'false',
	'null',
	'in',
	'as',
	'break',
	'const',
	'continue',
	'else',
	'for',
	'function',
	'if',
	'import',
	'let',
	'loop',
	'package',
	'namespace',
	'return',
	'var',
	'void',
	'while',
	'and',
	'or',
	'not'
]);

/**
 * The metric keys a formula refers to: identifiers outside string literals that are not
 * reserved words, function calls (`min(`) or member names (`.size`).
 */
export function formulaReferences(formula: string): string[] {
	const withoutStrings = formula.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
	const references = new Set<string>();
	for (const match of withoutStrings.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
		const name = match[0];
		const before = withoutStrings.slice(0, match.index).trimEnd();
		const after = withoutStrings.slice(match.index + name.length).trimStart();
		if (CEL_RESERVED.has(name) || before.endsWith('.') || after.startsWith('(')) continue;
		if (/[0-9]$/.test(before) && /^[eE]/.test(name)) continue; // exponent of a number literal
		references.add(name);
	}
	return [...references];
}

/**
 * Cycles among derived metrics (`a = b * 2`, `b = a + 1`), each as the keys on it. Formulas
 * may refer to several metrics, so this walks the full dependency graph, not a parent chain.
 */
export function findFormulaCycles(definitions: readonly MetricDefinition[]): string[][] {
	const dependsOn = new Map(
		definitions.map((d) => [d.key, d.formula ? formulaReferences(d.formula) : []] as const)
	);
	const state = new Map<string, 'visiting' | 'done'>();
	const cycles: string[][] = [];
	const stack: string[] = [];
	const visit = (key: string): void => {
		state.set(key, 'visiting');
		stack.push(key);
		for (const next of dependsOn.get(key) ?? []) {
			if (!dependsOn.has(next)) continue;
			const seen = state.get(next);
			if (seen === 'visiting') cycles.push(stack.slice(stack.indexOf(next)));
			else if (seen === undefined) visit(next);
		}
		stack.pop();
		state.set(key, 'done');
	};
	for (const key of dependsOn.keys()) if (!state.has(key)) visit(key);
	return cycles;
}

/**
 * Orders metric keys so that each derived metric comes after the metrics it uses. Metrics on a
 * cycle are left out (validation reports them).
 */
export function evaluationOrder(definitions: readonly MetricDefinition[]): string[] {
	const onCycle = new Set(findFormulaCycles(definitions).flat());
	const byKey = new Map(definitions.map((d) => [d.key, d]));
	const order: string[] = [];
	const placed = new Set<string>();
	const place = (key: string): void => {
		if (placed.has(key) || onCycle.has(key)) return;
		placed.add(key);
		const formula = byKey.get(key)?.formula;
		for (const ref of formula ? formulaReferences(formula) : []) if (byKey.has(ref)) place(ref);
		order.push(key);
	};
	for (const d of definitions) place(d.key);
	return order;
}
