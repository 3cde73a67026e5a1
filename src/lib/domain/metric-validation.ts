/**
 * Validation and evaluation of metric definitions, including derived metrics whose formula
 * is compiled by the engine's CEL evaluator (no JavaScript is ever evaluated).
 */
import {
	compileExpression,
	evaluateExpression,
	type CompiledExpression
} from '../engine/expression';
import {
	AGGREGATIONS,
	DIRECTIONS,
	PERIODS,
	evaluationOrder,
	findFormulaCycles,
	formulaReferences,
	type MetricDefinition
} from './metrics';
import { fromIssues, type DomainIssue, type Result } from './result';

const KEY = /^[a-z][a-z0-9_]*$/;

/** Checks one definition against the set it belongs to (for formula references). */
export function validateMetricDefinition(
	definition: MetricDefinition,
	known: ReadonlySet<string>
): DomainIssue[] {
	const issues: DomainIssue[] = [];
	const at = (field: string) => `metrics.${definition.key}.${field}`;
	const params = { metric: definition.key };
	if (!KEY.test(definition.key)) {
		issues.push({
			code: 'metric.bad_key',
			path: at('key'),
			message: 'A metric key is lower_snake_case, starting with a letter',
			params
		});
	}
	if (Object.keys(definition.name).length === 0) {
		issues.push({
			code: 'metric.no_name',
			path: at('name'),
			message: 'A metric needs a name in at least one locale',
			params
		});
	}
	if (!AGGREGATIONS.includes(definition.aggregation)) {
		issues.push({
			code: 'metric.bad_aggregation',
			path: at('aggregation'),
			message: `Unknown aggregation ${String(definition.aggregation)}`,
			params
		});
	}
	if (!DIRECTIONS.includes(definition.direction)) {
		issues.push({
			code: 'metric.bad_direction',
			path: at('direction'),
			message: `Unknown direction ${String(definition.direction)}`,
			params
		});
	}
	if (!PERIODS.includes(definition.period)) {
		issues.push({
			code: 'metric.bad_period',
			path: at('period'),
			message: `Unknown period ${String(definition.period)}`,
			params
		});
	}
	const decimals = definition.unit.decimals;
	if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
		issues.push({
			code: 'metric.bad_decimals',
			path: at('unit.decimals'),
			message: 'Decimals are a whole number from 0 to 6',
			params
		});
	}
	if (definition.unit.kind === 'currency' && !/^[A-Z]{3}$/.test(definition.unit.code)) {
		issues.push({
			code: 'metric.bad_currency',
			path: at('unit.code'),
			message: 'A currency is an ISO 4217 code such as CNY',
			params
		});
	}
	if (definition.formula !== undefined) {
		const references = formulaReferences(definition.formula);
		for (const reference of references) {
			if (reference === definition.key) {
				issues.push({
					code: 'metric.formula_self_reference',
					path: at('formula'),
					message: `${definition.key} refers to itself`,
					params
				});
			} else if (!known.has(reference)) {
				issues.push({
					code: 'metric.unknown_reference',
					path: at('formula'),
					message: `The formula refers to unknown metric ${reference}`,
					params: { ...params, reference }
				});
			}
		}
		const compiled = compileExpression(definition.formula, { variables: [...known] });
		if (!compiled.ok && issues.every((i) => i.code !== 'metric.unknown_reference')) {
			for (const problem of compiled.issues) {
				issues.push({
					code: 'metric.bad_formula',
					path: at('formula'),
					message: problem.hint ? `${problem.message} (${problem.hint})` : problem.message,
					params: { ...params, column: problem.column ?? 0 }
				});
			}
		}
	}
	return issues;
}

/** Checks a set of definitions: each one, duplicate keys, and cycles among derived metrics. */
export function validateMetricDefinitions(
	definitions: readonly MetricDefinition[]
): Result<readonly MetricDefinition[]> {
	const known = new Set(definitions.map((d) => d.key));
	const issues: DomainIssue[] = [];
	const seen = new Set<string>();
	for (const definition of definitions) {
		if (seen.has(definition.key)) {
			issues.push({
				code: 'metric.duplicate_key',
				path: `metrics.${definition.key}.key`,
				message: `Metric ${definition.key} is defined twice`,
				params: { metric: definition.key }
			});
		}
		seen.add(definition.key);
		issues.push(...validateMetricDefinition(definition, known));
	}
	for (const cycle of findFormulaCycles(definitions)) {
		if (cycle.length === 1) continue; // reported as a self reference
		issues.push({
			code: 'metric.formula_cycle',
			path: `metrics.${cycle[0] ?? ''}.formula`,
			message: `Derived metrics depend on each other: ${[...cycle, cycle[0]].join(' → ')}`,
			params: { cycle: cycle.join(',') }
		});
	}
	return fromIssues(definitions, issues);
}

/** Derived metrics compiled once, evaluated many times with {@link evaluateDerived}. */
export interface CompiledMetrics {
	readonly order: readonly string[];
	readonly formulas: ReadonlyMap<string, CompiledExpression>;
}

/** Validates and compiles the derived metrics of a definition set. */
export function compileMetrics(definitions: readonly MetricDefinition[]): Result<CompiledMetrics> {
	const valid = validateMetricDefinitions(definitions);
	if (!valid.ok) return valid;
	const variables = definitions.map((d) => d.key);
	const formulas = new Map<string, CompiledExpression>();
	for (const definition of definitions) {
		if (definition.formula === undefined) continue;
		const compiled = compileExpression(definition.formula, { variables });
		if (compiled.ok) formulas.set(definition.key, compiled.value);
	}
	return fromIssues({ order: evaluationOrder(definitions), formulas }, []);
}

/**
 * Fills in derived metric values from base ones (already aggregated over the same window).
 * A derived value is null when an input is missing or the result is not a finite number
 * (profit per user with zero users).
 */
export function evaluateDerived(
	compiled: CompiledMetrics,
	baseValues: Readonly<Record<string, number | null>>
): Record<string, number | null> {
	const values: Record<string, number | null> = { ...baseValues };
	for (const key of compiled.order) {
		const formula = compiled.formulas.get(key);
		if (!formula) continue;
		const inputs = formulaReferences(formula.source);
		if (inputs.some((input) => values[input] === null || values[input] === undefined)) {
			values[key] = null;
			continue;
		}
		try {
			const result = evaluateExpression(formula, values as Record<string, number>);
			values[key] = typeof result === 'number' && Number.isFinite(result) ? result : null;
		} catch {
			values[key] = null;
		}
	}
	return values;
}
