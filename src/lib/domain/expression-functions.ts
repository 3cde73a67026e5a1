/**
 * Domain functions for workflow expressions (CEL guards and formulas), with plain-number and
 * list arguments: `pace(start, due)`, `lag(progress, start, due)`, `forecast(series, ahead)`,
 * `runRate(current, start, due)`, `declinedPeriods(series)`, `attainment(current, baseline, target)`.
 * Dates are ISO text or epoch ms; progress values are percentages.
 */
import type { ExpressionFunction, ExpressionFunctions } from '../engine/expression';
import { toEpochMs, type Instant } from './dates';
import {
	consecutiveDeclines,
	expectedPace,
	forecastRunRate,
	forecastTrend,
	lagBehindPace
} from './analytics';
import { measureProgress } from './progress';

function asInstant(value: unknown, name: string): Instant {
	if (typeof value === 'number' || typeof value === 'string' || value instanceof Date) return value;
	throw new Error(`${name} must be a date (ISO text or epoch ms)`);
}

function asNumber(value: unknown, name: string): number {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	throw new Error(`${name} must be a number`);
}

function asSeries(value: unknown, name: string): number[] {
	if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value as number[];
	throw new Error(`${name} must be a list of numbers`);
}

/** Builds the functions over a clock: `clock(vars)` gives the evaluation's "now". */
function build(clock: (vars: Readonly<Record<string, unknown>>) => number): ExpressionFunctions {
	const fns: Record<string, ExpressionFunction> = {
		pace: {
			arity: 2,
			description: 'Expected progress (0–100) today for a goal running from start to due, linear',
			call: ([start, due], vars) =>
				expectedPace(asInstant(start, 'start'), asInstant(due, 'due'), clock(vars))
		},
		lag: {
			arity: 3,
			description:
				'Points behind the expected pace (negative when ahead): pace(start, due) − progress',
			call: ([progress, start, due], vars) =>
				lagBehindPace(
					asNumber(progress, 'progress'),
					asInstant(start, 'start'),
					asInstant(due, 'due'),
					clock(vars)
				)
		},
		forecast: {
			arity: [1, 2],
			description:
				'Least-squares trend of the series, projected `ahead` periods past its last point (default 1)',
			call: ([series, ahead]) => {
				const values = asSeries(series, 'series');
				const points = values.map((value, t) => ({ t, value }));
				const steps = ahead === undefined ? 1 : asNumber(ahead, 'ahead');
				return forecastTrend(points, values.length - 1 + steps, values.length);
			}
		},
		runRate: {
			arity: 3,
			description: 'The value so far extrapolated at the same speed to the due date',
			call: ([current, start, due], vars) =>
				forecastRunRate(
					asNumber(current, 'current'),
					asInstant(start, 'start'),
					clock(vars),
					asInstant(due, 'due')
				)
		},
		declinedPeriods: {
			arity: 1,
			description: 'How many periods in a row the series has fallen at its end',
			call: ([series]) => consecutiveDeclines(asSeries(series, 'series'))
		},
		attainment: {
			arity: 3,
			description: 'Percentage of the way from baseline to target (unclamped)',
			call: ([current, baseline, target]) => {
				const base = asNumber(baseline, 'baseline');
				const goal = asNumber(target, 'target');
				return measureProgress({
					current: asNumber(current, 'current'),
					baseline: base,
					target: goal,
					direction: goal >= base ? 'higher_is_better' : 'lower_is_better'
				}).attainment;
			}
		}
	};
	return fns;
}

/**
 * The domain functions reading "now" from the evaluation's `now` variable. One shared object,
 * so the engine's per-function-set environment cache is hit on every evaluation.
 */
export const domainExpressionFunctions: ExpressionFunctions = build((vars) =>
	toEpochMs(asInstant(vars['now'], 'now'))
);

/**
 * The domain functions over a fixed clock (tests, simulation, previews). Prefer
 * {@link domainExpressionFunctions} in hot paths: each call builds a new set.
 *
 * @example
 * const fns = expressionFunctions('2026-03-16');
 * compileExpression('subject.progress < pace(data.start, data.due) - 10', { variables: ['subject.*', 'data.*'], functions: fns });
 */
export function expressionFunctions(now: Instant): ExpressionFunctions {
	const fixed = toEpochMs(now);
	return build(() => fixed);
}
