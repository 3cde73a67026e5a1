import {
	getNextTransitions,
	initialTransition,
	transition,
	type AnyMachineSnapshot,
	type StateValue
} from 'xstate';
import type { CompiledDefinition, StepScope } from './compile';
import { deriveEffects } from './effects';
import type { EngineEvent, Effect, Subject } from './types';

/** The JSON snapshot the runtime persists (XState's persisted snapshot). */
export type EngineSnapshot = {
	status: 'active' | 'done' | 'error' | 'stopped';
	value: StateValue;
	context: Record<string, unknown>;
	historyValue?: unknown;
	children?: Record<string, unknown>;
	output?: unknown;
	error?: unknown;
};

/** Per-call inputs: who the instance is for and the clock. `stepId` seeds idempotency keys. */
export type StepEnv = { subject: Subject; now: Date | number; stepId?: string };

export type InitialStepOptions = StepEnv & { input?: Record<string, unknown> };

export type StepSuccess = { ok: true; snapshot: EngineSnapshot; effects: Effect[] };
export type StepRefusal = {
	ok: false;
	code: 'event_not_accepted' | 'evaluation_failed';
	state: StateValue;
	accepted: string[];
	message?: string;
};
export type StepResult = StepSuccess | StepRefusal;

function toScope(env: StepEnv): StepScope {
	const now = typeof env.now === 'number' ? env.now : env.now.getTime();
	return { subject: env.subject, now, stepId: env.stepId ?? String(now) };
}

function withScope<T>(compiled: CompiledDefinition, env: StepEnv, run: (scope: StepScope) => T): T {
	const previous = compiled.scope.current;
	const scope = toScope(env);
	compiled.scope.current = scope;
	try {
		return run(scope);
	} finally {
		compiled.scope.current = previous;
	}
}

function persist(compiled: CompiledDefinition, snapshot: AnyMachineSnapshot): EngineSnapshot {
	const persisted = compiled.machine.getPersistedSnapshot(snapshot);
	return JSON.parse(JSON.stringify(persisted)) as EngineSnapshot;
}

function restore(compiled: CompiledDefinition, snapshot: EngineSnapshot): AnyMachineSnapshot {
	return compiled.machine.resolveState(
		snapshot as Parameters<typeof compiled.machine.resolveState>[0]
	);
}

/** Starts an instance: the initial snapshot and the effects of entering the initial states. */
export function initialStep(
	compiled: CompiledDefinition,
	options: InitialStepOptions
): { snapshot: EngineSnapshot; effects: Effect[] } {
	return withScope(compiled, options, (scope) => {
		const [next, actions] = initialTransition(compiled.machine, options.input);
		const effects = deriveEffects(compiled, scope, { previous: undefined, next, actions });
		return { snapshot: persist(compiled, next), effects };
	});
}

/** Events XState raises itself (`xstate.after.*` timers, `xstate.done.*`): never sent by people. */
export function isInternalEvent(type: string): boolean {
	return type.startsWith('xstate.');
}

function candidateEvents(snapshot: AnyMachineSnapshot): string[] {
	const types = getNextTransitions(snapshot)
		.map((t) => t.eventType)
		.filter((type) => type !== '' && type !== '*' && !isInternalEvent(type));
	return [...new Set(types)];
}

/**
 * The events a person or a client can send the instance now, guards included. Internal
 * `xstate.*` events (timers) are left out: the runtime delivers those from its timer rows,
 * and `step` accepts a due timer event without it being listed here.
 */
export function acceptedEvents(
	compiled: CompiledDefinition,
	snapshot: EngineSnapshot,
	env: StepEnv
): string[] {
	if (snapshot.status !== 'active') return [];
	return withScope(compiled, env, () => {
		const restored = restore(compiled, snapshot);
		return candidateEvents(restored).filter((type) => {
			try {
				return restored.can({ type } as never);
			} catch {
				return false;
			}
		});
	});
}

/**
 * Applies one event, purely: no timers run, nothing is executed. An event the current
 * state does not accept (guards included) is refused with the events it accepts instead.
 */
export function step(
	compiled: CompiledDefinition,
	snapshot: EngineSnapshot,
	event: EngineEvent,
	env: StepEnv
): StepResult {
	const refuse = (code: StepRefusal['code'], message?: string): StepRefusal => ({
		ok: false,
		code,
		state: snapshot.value,
		accepted: acceptedEvents(compiled, snapshot, env),
		...(message ? { message } : {})
	});
	if (snapshot.status !== 'active') return refuse('event_not_accepted');
	return withScope(compiled, env, (scope) => {
		const previous = restore(compiled, snapshot);
		try {
			if (!previous.can(event as never)) return refuse('event_not_accepted');
			const [next, actions] = transition(compiled.machine, previous, event as never);
			if (next.status === 'error') return refuse('evaluation_failed', String(next.error));
			const effects = deriveEffects(compiled, scope, { previous, next, actions, event });
			return { ok: true, snapshot: persist(compiled, next), effects };
		} catch (error) {
			return refuse('evaluation_failed', error instanceof Error ? error.message : String(error));
		}
	});
}
