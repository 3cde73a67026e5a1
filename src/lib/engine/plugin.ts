import type { ExpressionFunctions } from './expression';
import type { Localized } from './localize';
import type { Effect, EngineEvent, Subject } from './types';

/** A JSON Schema object (draft 2020-12 subset); the designer renders forms from it. */
export type JsonSchema = Record<string, unknown>;

export type { Localized } from './localize';

/** What pure action code and guards see of the step being computed. */
export type ActionEnv = {
	/** Instance data (XState context) at the time the action runs. */
	data: Readonly<Record<string, unknown>>;
	event: EngineEvent;
	subject: Subject;
	/** Epoch milliseconds of this step. */
	now: number;
	/** Evaluates an expression of the definition with `data`, `subject`, `event`, `now`. */
	evaluate: (source: string) => unknown;
};

/** A reference from a parameter to something the linter checks. */
export type ParamReference = { path: string; source: string };

/** Shared by actions, guards and delays: documentation and parameter checking. */
type Described = {
	label?: Localized;
	description?: string;
	/** JSON Schema of `params`; lint validates every use against it. */
	params?: JsonSchema;
	/** Expressions inside `params` (lint compiles them against the definition's variables). */
	expressionsOf?: (params: Record<string, unknown>) => ParamReference[];
	/** Template names inside `params` (lint checks they exist in `templates`). */
	templatesOf?: (params: Record<string, unknown>) => ParamReference[];
};

/** Services the runtime injects into effectful actions; plugin files never import them. */
export type ActionContext = {
	organisationId: string;
	instanceId: string;
	idempotencyKey: string;
	services: Readonly<Record<string, unknown>>;
};

/**
 * An action. `apply` is pure and runs inside `step` (its result is merged into the data);
 * `effects` turns the call into built-in effects (e.g. `notify`); `run` is effectful and is
 * executed later by the runtime from the outbox, with the params `resolve` computed at step
 * time and an idempotency key.
 */
export type ActionDefinition = Described & {
	apply?: (
		data: Readonly<Record<string, unknown>>,
		params: Record<string, unknown>,
		env: ActionEnv
	) => Record<string, unknown> | undefined;
	effects?: (params: Record<string, unknown>, env: ActionEnv) => Effect[];
	resolve?: (params: Record<string, unknown>, env: ActionEnv) => Record<string, unknown>;
	run?: (ctx: ActionContext, params: Record<string, unknown>) => Promise<unknown>;
};

/** A guard: a pure predicate over the step. */
export type GuardDefinition = Described & {
	check: (params: Record<string, unknown>, env: ActionEnv) => boolean;
};

/** A named delay: milliseconds computed from the step (for `after` keys that are not ISO). */
export type DelayDefinition = Described & {
	ms: (params: Record<string, unknown>, env: ActionEnv) => number;
};

/** A node kind the designer offers (`meta.kind`), with the parameters of `meta.params`. */
export type NodeKindDefinition = Omit<Described, 'expressionsOf'> & {
	expressionsOf?: (params: Record<string, unknown>) => ParamReference[];
	/** Whether entering the state opens a human task (task, approval). */
	isTask?: boolean;
	/** The XState state type the kind requires, checked by lint. */
	stateType?: 'atomic' | 'compound' | 'parallel' | 'final';
	/** Form names inside `params` (lint checks they exist in `forms`). */
	formsOf?: (params: Record<string, unknown>) => ParamReference[];
};

/** Where metric values come from (an import, an integration); the server drives `pull`. */
export type MetricSourceDefinition = Described & {
	pull?: (ctx: ActionContext, params: Record<string, unknown>) => Promise<unknown>;
};

/** A plugin as declared in `plugins/<id>/index.ts`. */
export type Plugin = {
	id: string;
	version: string;
	label?: Localized;
	nodeKinds?: Readonly<Record<string, NodeKindDefinition>>;
	actions?: Readonly<Record<string, ActionDefinition>>;
	guards?: Readonly<Record<string, GuardDefinition>>;
	delays?: Readonly<Record<string, DelayDefinition>>;
	metricSources?: Readonly<Record<string, MetricSourceDefinition>>;
	/** Functions available to every expression (e.g. `pace`, `lag`, `forecast`). */
	functions?: ExpressionFunctions;
};

/**
 * Declares a plugin. Names are used qualified by the plugin id (`core.setData`), except
 * node kinds and functions of the `core` plugin, which are used bare (`task`, `daysUntil`).
 *
 * @example
 * export default definePlugin({
 *   id: 'hello',
 *   version: '1.0.0',
 *   actions: {
 *     greet: {
 *       description: 'Adds a greeting to the data',
 *       params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
 *       apply: (_data, params) => ({ greeting: `Hello ${String(params.name)}` })
 *     }
 *   },
 *   guards: {
 *     isLate: { check: (_params, env) => env.now > Number(env.data.deadline) }
 *   }
 * });
 */
export function definePlugin<const P extends Plugin>(plugin: P): P {
	return plugin;
}
