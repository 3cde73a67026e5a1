import { Environment, type ASTNode } from '@marcbachmann/cel-js';
import { closeNames, formatHint } from './suggest';
import { builtinFunctions } from './expression-functions';

/** A problem found while compiling an expression; `column` is 0-based into the source. */
export type ExpressionIssue = { message: string; hint?: string; column?: number };

/** A function callable from expressions. `call` receives plain JS values (no BigInt). */
export type ExpressionFunction = {
	/** Number of parameters, or an inclusive [min, max] range. */
	arity: number | [number, number];
	description?: string;
	/** `vars` are the variables of the current evaluation (e.g. `now`, `subject`). */
	call: (args: unknown[], vars: Readonly<Record<string, unknown>>) => unknown;
};

/** Functions by name, provided by the caller (domain functions such as `pace`, `lag`). */
export type ExpressionFunctions = Readonly<Record<string, ExpressionFunction>>;

export type CompileExpressionOptions = {
	/**
	 * Declared variables: top-level names and dotted paths (`subject`, `subject.progress`).
	 * A path with declared children is closed: only those children may be named. End a
	 * path with `.*` (`subject.metrics.*`) to leave it open below that point.
	 */
	variables: readonly string[];
	/** Extra functions; `daysUntil`, `daysSince` and `duration` are always available. */
	functions?: ExpressionFunctions;
};

/** A parsed, checked expression, ready for {@link evaluateExpression}. */
export type CompiledExpression = {
	readonly source: string;
	/** @internal the evaluator; call {@link evaluateExpression} instead. */
	readonly run: (vars: Record<string, unknown>) => unknown;
};

export type CompileExpressionResult =
	{ ok: true; value: CompiledExpression } | { ok: false; issues: ExpressionIssue[] };

/** Thrown by {@link evaluateExpression} when an expression fails at run time. */
export class ExpressionEvaluationError extends Error {
	readonly code = 'expression_failed';
	constructor(
		readonly source: string,
		message: string
	) {
		super(`${message} in \`${source}\``);
		this.name = 'ExpressionEvaluationError';
	}
}

const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/**
 * Rewrites the `and` / `or` words outside string literals to `&&` / `||`, keeping
 * every column in place so error positions still point into the author's text.
 */
export function rewriteLogicalWords(source: string): string {
	let out = '';
	let index = 0;
	while (index < source.length) {
		const char = source[index] as string;
		if (char === '"' || char === "'") {
			const end = findStringEnd(source, index, char);
			out += source.slice(index, end);
			index = end;
			continue;
		}
		const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(index))?.[0];
		if (word) {
			const isMember = out.trimEnd().endsWith('.');
			out += isMember ? word : word === 'and' ? '&& ' : word === 'or' ? '||' : word;
			index += word.length;
			continue;
		}
		out += char;
		index += 1;
	}
	return out;
}

function findStringEnd(source: string, start: number, quote: string): number {
	let index = start + 1;
	while (index < source.length) {
		const char = source[index];
		if (char === '\\') index += 2;
		else if (char === quote) return index + 1;
		else index += 1;
	}
	return source.length;
}

type VariableTree = Map<string, VariableTree | 'open'>;

function buildVariableTree(paths: readonly string[]): VariableTree {
	const root: VariableTree = new Map();
	for (const path of paths) {
		let node: VariableTree = root;
		const parts = path.split('.');
		for (const [i, part] of parts.entries()) {
			if (part === '*') {
				break;
			}
			const isLastBeforeStar = parts[i + 1] === '*';
			let child = node.get(part);
			if (isLastBeforeStar) {
				node.set(part, 'open');
				break;
			}
			if (child === 'open') break;
			if (!child) {
				child = new Map();
				node.set(part, child);
			}
			node = child;
		}
	}
	return root;
}

const environmentCache = new WeakMap<ExpressionFunctions, { env: Environment; slot: EvalSlot }>();
const noFunctions: ExpressionFunctions = {};
type EvalSlot = { vars: Readonly<Record<string, unknown>> };

function environmentFor(functions: ExpressionFunctions) {
	const cached = environmentCache.get(functions);
	if (cached) return cached;
	const slot: EvalSlot = { vars: {} };
	const env = new Environment({
		homogeneousAggregateLiterals: false,
		unlistedVariablesAreDyn: true
	});
	registerMixedArithmetic(env);
	for (const [name, fn] of Object.entries({ ...builtinFunctions, ...functions })) {
		const [min, max] = typeof fn.arity === 'number' ? [fn.arity, fn.arity] : fn.arity;
		for (let count = min; count <= max; count += 1) {
			const params = Array.from({ length: count }, () => 'dyn').join(', ');
			env.registerFunction(`${name}(${params}): dyn`, (...args: unknown[]) =>
				toPlain(fn.call(args.map(toPlain), slot.vars))
			);
		}
	}
	const entry = { env, slot };
	environmentCache.set(functions, entry);
	return entry;
}

/** CEL has no int/double promotion; HR writes `data.target / 4`, so allow the mix. */
function registerMixedArithmetic(env: Environment) {
	const ops: Record<string, (a: number, b: number) => number> = {
		'+': (a, b) => a + b,
		'-': (a, b) => a - b,
		'*': (a, b) => a * b,
		'/': (a, b) => a / b
	};
	for (const [op, apply] of Object.entries(ops)) {
		env.registerOperator(`double ${op} int`, (a: number, b: bigint) => apply(a, Number(b)));
		env.registerOperator(`int ${op} double`, (a: bigint, b: number) => apply(Number(a), b));
	}
}

/** Converts CEL values (BigInt integers) into plain JSON-friendly JS values. */
export function toPlain(value: unknown): unknown {
	if (typeof value === 'bigint') return Number(value);
	if (Array.isArray(value)) return value.map(toPlain);
	if (value instanceof Map) {
		return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), toPlain(v)]));
	}
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
	}
	return value;
}

/**
 * Parses and checks an expression: syntax, declared variables, known functions.
 *
 * @example
 * const result = compileExpression('subject.progress < 0.5 and data.approved', {
 *   variables: ['subject', 'subject.progress', 'data.*']
 * });
 * if (result.ok) evaluateExpression(result.value, { subject: { progress: 0.2 }, data: { approved: true } }); // true
 */
export function compileExpression(
	source: string,
	options: CompileExpressionOptions
): CompileExpressionResult {
	const functions = options.functions ?? noFunctions;
	const { env, slot } = environmentFor(functions);
	let parsed: ReturnType<Environment['parse']>;
	try {
		parsed = env.parse(rewriteLogicalWords(source));
	} catch (error) {
		return { ok: false, issues: [issueFromError(error)] };
	}
	const known = new Set([...Object.keys(builtinFunctions), ...Object.keys(functions)]);
	const issues = checkNames(parsed.ast, buildVariableTree(options.variables), known);
	if (issues.length > 0) return { ok: false, issues };
	const run = (vars: Record<string, unknown>) => {
		const previous = slot.vars;
		slot.vars = vars;
		try {
			return toPlain(parsed(vars));
		} finally {
			slot.vars = previous;
		}
	};
	return { ok: true, value: { source, run } };
}

/**
 * Evaluates a compiled expression; integers come back as numbers.
 * @throws {ExpressionEvaluationError} when evaluation fails (missing key, bad overload).
 */
export function evaluateExpression(
	compiled: CompiledExpression,
	vars: Record<string, unknown>
): unknown {
	try {
		return compiled.run(vars);
	} catch (error) {
		const message =
			error && typeof error === 'object' && 'summary' in error
				? String(error.summary)
				: String(error);
		throw new ExpressionEvaluationError(compiled.source, message);
	}
}

function issueFromError(error: unknown): ExpressionIssue {
	if (error && typeof error === 'object' && 'summary' in error) {
		const e = error as { summary: string; range?: { start: number } };
		return { message: e.summary, column: e.range?.start };
	}
	return { message: String(error) };
}

function checkNames(ast: ASTNode, tree: VariableTree, functions: Set<string>): ExpressionIssue[] {
	const issues: ExpressionIssue[] = [];
	const visit = (node: unknown, bound: ReadonlySet<string>): void => {
		if (!node || typeof node !== 'object' || !('op' in node)) return;
		const n = node as ASTNode;
		if (n.op === 'id' || n.op === '.' || n.op === '.?') {
			const chain = memberChain(n);
			if (chain) {
				if (!bound.has(chain.names[0] as string)) checkChain(chain.names, chain.pos, tree, issues);
				return;
			}
		}
		if (n.op === 'call') {
			const [name, args] = n.args;
			if (!functions.has(name) && !isBuiltinCall(name)) {
				const close = closeNames(name, [...functions]);
				issues.push({
					message: `Unknown function: ${name}`,
					hint: formatHint(close, [...functions]),
					column: n.pos
				});
			}
			for (const arg of args) visit(arg, bound);
			return;
		}
		if (n.op === 'rcall') {
			const [name, receiver, args] = n.args;
			visit(receiver, bound);
			const first = args[0];
			if (MACROS.has(name) && first && first.op === 'id') {
				const inner = new Set([...bound, first.args]);
				for (const arg of args.slice(1)) visit(arg, inner);
				return;
			}
			for (const arg of args) visit(arg, bound);
			return;
		}
		const args: unknown = n.args;
		if (Array.isArray(args)) {
			for (const arg of args) {
				if (Array.isArray(arg)) for (const item of arg) visit(item, bound);
				else visit(arg, bound);
			}
		} else visit(args, bound);
	};
	visit(ast, new Set());
	return issues;
}

const CEL_GLOBALS = new Set([
	'has',
	'size',
	'int',
	'uint',
	'double',
	'string',
	'bool',
	'bytes',
	'dyn',
	'type',
	'timestamp',
	'duration',
	'matches',
	'min',
	'max'
]);

function isBuiltinCall(name: string): boolean {
	return CEL_GLOBALS.has(name);
}

function memberChain(node: ASTNode): { names: string[]; pos: number } | undefined {
	const names: string[] = [];
	let current: ASTNode = node;
	while (current.op === '.' || current.op === '.?') {
		const [object, field] = current.args;
		names.unshift(field);
		current = object;
	}
	if (current.op !== 'id') return undefined;
	names.unshift(current.args);
	return { names, pos: current.pos };
}

function checkChain(names: string[], pos: number, tree: VariableTree, issues: ExpressionIssue[]) {
	let node: VariableTree = tree;
	const seen: string[] = [];
	for (const name of names) {
		const child = node.get(name);
		if (child === undefined) {
			const siblings = [...node.keys()].map((key) => [...seen, key].join('.'));
			const full = [...seen, name].join('.');
			issues.push({
				message: `Unknown variable: ${full}`,
				hint: formatHint(closeNames(full, siblings), siblings),
				column: pos
			});
			return;
		}
		seen.push(name);
		if (child === 'open' || child.size === 0) return;
		node = child;
	}
}
