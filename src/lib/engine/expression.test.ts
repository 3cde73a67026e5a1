import { describe, expect, it } from 'vitest';
import {
	compileExpression,
	evaluateExpression,
	ExpressionEvaluationError,
	rewriteLogicalWords,
	type CompileExpressionOptions
} from './expression';

const options: CompileExpressionOptions = {
	variables: ['subject', 'subject.progress', 'subject.name', 'subject.metrics.*', 'data.*', 'now'],
	functions: { pace: { arity: [1, 2], call: ([a]) => Number(a) / 10 } }
};

function run(source: string, vars: Record<string, unknown>, opts = options) {
	const compiled = compileExpression(source, opts);
	if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('; '));
	return evaluateExpression(compiled.value, vars);
}

describe('compileExpression', () => {
	it('evaluates a guard over declared variables', () => {
		expect(run('subject.progress < 0.5', { subject: { progress: 0.2 } })).toBe(true);
	});

	it('accepts and / or and keeps columns', () => {
		expect(rewriteLogicalWords('a and b or c')).toBe('a &&  b || c');
		expect(rewriteLogicalWords('"and" == data.and')).toBe('"and" == data.and');
		expect(run('data.a and (data.b or data.c)', { data: { a: true, b: false, c: true } })).toBe(
			true
		);
	});

	it('returns numbers, not BigInt, and mixes int with double', () => {
		expect(run('1 + 2', {})).toBe(3);
		expect(run('data.target / 4', { data: { target: 10 } })).toBe(2.5);
		expect(run('[1, 2]', {})).toEqual([1, 2]);
		expect(run('{"a": 1}', {})).toEqual({ a: 1 });
	});

	it('reports an unknown variable with a close-name hint', () => {
		const result = compileExpression('progres < 1', options);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues[0]?.message).toBe('Unknown variable: progres');
		expect(result.issues[0]?.column).toBe(0);
		const nested = compileExpression('subject.progres < 1', options);
		expect(nested.ok).toBe(false);
		if (nested.ok) return;
		expect(nested.issues[0]?.message).toBe('Unknown variable: subject.progres');
		expect(nested.issues[0]?.hint).toContain('subject.progress');
	});

	it('leaves open paths and macro variables alone', () => {
		expect(run('subject.metrics.revenue > 1', { subject: { metrics: { revenue: 2 } } })).toBe(true);
		expect(run('data.items.all(i, i > 0)', { data: { items: [1, 2] } })).toBe(true);
	});

	it('reports syntax errors with a column', () => {
		const result = compileExpression('subject.progress <', options);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues[0]?.column).toBe(18);
	});

	it('reports unknown functions and calls provided ones', () => {
		const result = compileExpression('lag(subject)', options);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues[0]?.message).toBe('Unknown function: lag');
		expect(run('pace(5)', {})).toBe(0.5);
	});

	it('provides time helpers over now', () => {
		const now = Date.UTC(2025, 0, 1);
		expect(run('daysUntil("2025-01-11T00:00:00Z")', { now })).toBe(10);
		expect(run('daysSince(now - isoDuration("P2D"))', { now })).toBe(2);
	});

	it('throws a typed error when evaluation fails', () => {
		const compiled = compileExpression('subject.name', options);
		if (!compiled.ok) throw new Error('compile');
		expect(() => evaluateExpression(compiled.value, { subject: {} })).toThrow(
			ExpressionEvaluationError
		);
	});
});
