import { DAY_MS, parseIsoDuration } from './duration';
import type { ExpressionFunctions } from './expression';

function toEpochMs(value: unknown): number {
	if (typeof value === 'number') return value;
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'string') {
		const parsed = new Date(value).getTime();
		if (!Number.isNaN(parsed)) return parsed;
	}
	throw new Error(`not a date: ${String(value)}`);
}

function nowOf(vars: Readonly<Record<string, unknown>>): number {
	return toEpochMs(vars.now);
}

/**
 * Time helpers over the evaluation's `now` (epoch ms), always available to expressions:
 * `daysUntil(date)`, `daysSince(date)` (fractional days; dates as ISO text or epoch ms) and
 * `isoDuration('P7D')` (milliseconds). CEL's own `duration('1h')` stays the CEL built-in.
 */
export const builtinFunctions: ExpressionFunctions = {
	daysUntil: {
		arity: 1,
		description: 'Days from now until the date (negative once it has passed)',
		call: ([date], vars) => (toEpochMs(date) - nowOf(vars)) / DAY_MS
	},
	daysSince: {
		arity: 1,
		description: 'Days from the date until now',
		call: ([date], vars) => (nowOf(vars) - toEpochMs(date)) / DAY_MS
	},
	isoDuration: {
		arity: 1,
		description: 'An ISO-8601 duration (P7D, PT12H) in milliseconds',
		call: ([text]) => {
			const ms = parseIsoDuration(String(text));
			if (ms === undefined) throw new Error(`not an ISO-8601 duration: ${String(text)}`);
			return ms;
		}
	}
};
