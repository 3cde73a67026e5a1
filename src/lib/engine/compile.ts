import { assign, setup, type AnyStateMachine } from 'xstate';
import type { Definition, StateConfig } from './definition';
import { parseIsoDuration } from './duration';
import {
	compileExpression,
	ExpressionEvaluationError,
	evaluateExpression,
	type CompiledExpression,
	type ExpressionFunctions
} from './expression';
import type { ActionEnv } from './plugin';
import type { Registry } from './registry';
import type { EngineEvent, Subject } from './types';
import { definitionVariables } from './variables';

/** A state of the definition, indexed by its dotted path (`tracking.metrics.watching`). */
export type IndexedState = {
	path: string;
	config: StateConfig;
	kind?: string;
	params: Record<string, unknown>;
};

/** The per-step inputs guards and actions read; set by `step` for the duration of one call. */
export type StepScope = { subject: Subject; now: number; stepId: string };

/** A definition compiled against a registry: the XState machine plus what `step` needs. */
export type CompiledDefinition = {
	readonly definition: Definition;
	readonly registry: Registry;
	readonly machine: AnyStateMachine;
	readonly states: ReadonlyMap<string, IndexedState>;
	/** Builds the env that actions and guards see for a context and event. */
	readonly envFor: (data: Record<string, unknown>, event: EngineEvent) => ActionEnv;
	/** @internal the scope of the step in progress; `step` sets and restores it. */
	readonly scope: { current: StepScope | undefined };
};

export type CompileOptions = {
	/** Functions added to the registry's (e.g. domain functions not packaged as a plugin). */
	functions?: ExpressionFunctions;
};

/** Indexes every state by dotted path, depth first, in document order. */
export function indexStates(states: Record<string, StateConfig> | undefined, prefix = '') {
	const index = new Map<string, IndexedState>();
	const visit = (children: Record<string, StateConfig> | undefined, base: string) => {
		for (const [key, config] of Object.entries(children ?? {})) {
			const path = base ? `${base}.${key}` : key;
			index.set(path, { path, config, kind: config.meta?.kind, params: config.meta?.params ?? {} });
			visit(config.states, path);
		}
	};
	visit(states, prefix);
	return index;
}

function collectAfterKeys(states: Record<string, StateConfig> | undefined, into: Set<string>) {
	for (const config of Object.values(states ?? {})) {
		for (const key of Object.keys(config.after ?? {})) into.add(key);
		collectAfterKeys(config.states, into);
	}
	return into;
}

/**
 * The entry action `compileDefinition` adds to every task state, so `step` sees a task state
 * entered again (a self-transition with `reenter: true`) that the state value cannot show.
 */
export const TASK_ENTERED_ACTION = '@engine/taskEntered';

function withTaskMarkers(
	states: Record<string, StateConfig> | undefined,
	registry: Registry,
	prefix = ''
): Record<string, StateConfig> | undefined {
	if (!states) return undefined;
	const out: Record<string, StateConfig> = {};
	for (const [key, config] of Object.entries(states)) {
		const path = prefix ? `${prefix}.${key}` : key;
		const kind = config.meta?.kind;
		const isTask = kind !== undefined && registry.nodeKinds.get(kind)?.isTask === true;
		const entry = config.entry === undefined ? [] : [config.entry].flat();
		out[key] = {
			...config,
			...(isTask ? { entry: [...entry, { type: TASK_ENTERED_ACTION, params: { path } }] } : {}),
			...(config.states ? { states: withTaskMarkers(config.states, registry, path) } : {})
		};
	}
	return out;
}

/** Keys of the file that are not part of the XState config. */
const NON_MACHINE_KEYS = [
	'$schema',
	'name',
	'description',
	'version',
	'data',
	'forms',
	'templates',
	'layout',
	'context'
] as const;

/**
 * Compiles a (linted) definition into an XState machine whose actions, guards and delays
 * are resolved from the registry through `setup`. ISO-8601 `after` keys become named delays.
 * The machine is only ever driven through the pure `step` / `initialStep`.
 * @throws {Error} when an `after` key is neither an ISO duration nor a registered delay.
 */
export function compileDefinition(
	definition: Definition,
	registry: Registry,
	options: CompileOptions = {}
): CompiledDefinition {
	const scope: { current: StepScope | undefined } = { current: undefined };
	const functions = { ...registry.functions, ...options.functions };
	const variables = definitionVariables(definition);
	const expressions = new Map<string, CompiledExpression>();

	const expressionFor = (source: string): CompiledExpression => {
		const cached = expressions.get(source);
		if (cached) return cached;
		const result = compileExpression(source, { variables, functions });
		if (!result.ok) {
			throw new ExpressionEvaluationError(source, result.issues.map((i) => i.message).join('; '));
		}
		expressions.set(source, result.value);
		return result.value;
	};

	const envFor = (data: Record<string, unknown>, event: EngineEvent): ActionEnv => {
		const current = scope.current;
		if (!current) throw new Error('guards and actions run only inside step()');
		const vars = { data, subject: current.subject, event, now: current.now };
		return {
			data,
			event,
			subject: current.subject,
			now: current.now,
			evaluate: (source) => evaluateExpression(expressionFor(source), vars)
		};
	};

	type Args = { context: Record<string, unknown>; event: EngineEvent };
	type Params = Record<string, unknown> | undefined;
	const actions: Record<string, unknown> = {};
	for (const [name, action] of registry.actions) {
		actions[name] = action.apply
			? assign(({ context, event }: Args, params: Params) => {
					const patch = action.apply?.(context, params ?? {}, envFor(context, event));
					return patch ?? {};
				})
			: // Effectful actions do nothing inside XState: step() reads them from the action list.
				() => undefined;
	}
	actions[TASK_ENTERED_ACTION] = () => undefined;
	const guards: Record<string, unknown> = {};
	for (const [name, guard] of registry.guards) {
		guards[name] = ({ context, event }: Args, params: Params) =>
			guard.check(params ?? {}, envFor(context, event));
	}
	const delays: Record<string, unknown> = {};
	for (const key of collectAfterKeys(definition.states, new Set())) {
		const ms = parseIsoDuration(key);
		const plugin = registry.delays.get(key);
		if (ms !== undefined) delays[key] = ms;
		else if (plugin) {
			delays[key] = ({ context, event }: Args) => plugin.ms({}, envFor(context, event));
		} else throw new Error(`Unknown delay "${key}": use an ISO-8601 duration or a plugin delay`);
	}

	const config: Record<string, unknown> = { ...definition };
	for (const key of NON_MACHINE_KEYS) delete config[key];
	config.states = withTaskMarkers(definition.states, registry);
	const initialData = definition.context ?? {};
	config.context = ({ input }: { input?: Record<string, unknown> }) => ({
		...structuredClone(initialData),
		...(input ?? {})
	});

	const machine = setup({ actions, guards, delays } as Parameters<typeof setup>[0]).createMachine(
		config as Parameters<ReturnType<typeof setup>['createMachine']>[0]
	) as unknown as AnyStateMachine;

	return { definition, registry, machine, states: indexStates(definition.states), envFor, scope };
}
