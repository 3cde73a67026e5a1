import type { AnyMachineSnapshot, StateValue } from 'xstate';
import { resolveAssignee } from './assignee';
import { TASK_ENTERED_ACTION, type CompiledDefinition, type StepScope } from './compile';
import { parseIsoDuration } from './duration';
import type { Effect, EngineEvent } from './types';

type ExecutableAction = {
	type: string;
	params?: unknown;
	info?: { context?: Record<string, unknown>; event?: EngineEvent };
};

/** Every active state path of a state value, ancestors included, in document order. */
export function activePaths(value: StateValue | undefined, prefix = ''): string[] {
	if (value === undefined) return [];
	if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
	return Object.entries(value).flatMap(([key, child]) => {
		const path = prefix ? `${prefix}.${key}` : key;
		return [path, ...activePaths(child as StateValue | undefined, path)];
	});
}

function isTaskState(compiled: CompiledDefinition, path: string): boolean {
	const kind = compiled.states.get(path)?.kind;
	return kind !== undefined && compiled.registry.nodeKinds.get(kind)?.isTask === true;
}

/** Task states whose entry ran in this macrostep (the marker `compileDefinition` adds). */
function enteredTasks(actions: readonly ExecutableAction[]): Set<string> {
	const entered = new Set<string>();
	for (const action of actions) {
		const path = (action.params as { path?: unknown } | undefined)?.path;
		if (action.type === TASK_ENTERED_ACTION && typeof path === 'string') entered.add(path);
	}
	return entered;
}

/**
 * Tasks closed and opened: states left and entered, plus task states entered again while
 * staying active (a self-transition with `reenter: true`), which close and open anew.
 */
function taskEffects(
	compiled: CompiledDefinition,
	scope: StepScope,
	previous: string[],
	next: string[],
	event: EngineEvent | undefined,
	entered: ReadonlySet<string>
): { closed: Effect[]; opened: Effect[] } {
	const after = new Set(next);
	const reentered = new Set(previous.filter((path) => after.has(path) && entered.has(path)));
	const before = new Set(previous.filter((path) => !reentered.has(path)));
	const closed: Effect[] = previous
		.filter((path) => (!after.has(path) || reentered.has(path)) && isTaskState(compiled, path))
		.map((path) => {
			const outcomes = Object.keys(compiled.states.get(path)?.config.on ?? {});
			const reason = event && outcomes.includes(event.type) ? 'completed' : 'cancelled';
			return { type: 'closeTask', taskKey: path, reason };
		});
	const opened: Effect[] = next
		.filter((path) => !before.has(path) && isTaskState(compiled, path))
		.map((path) => {
			const state = compiled.states.get(path);
			const params = state?.params ?? {};
			const due = typeof params.due === 'string' ? parseIsoDuration(params.due) : undefined;
			return {
				type: 'openTask',
				taskKey: path,
				statePath: path,
				kind: state?.kind ?? 'task',
				assignee: resolveAssignee(String(params.assignee ?? 'subject'), scope.subject),
				...(typeof params.form === 'string' ? { form: params.form } : {}),
				...(typeof params.title === 'string' ? { title: params.title } : {}),
				...(due !== undefined ? { dueAt: scope.now + due } : {}),
				outcomes: Object.keys(state?.config.on ?? {})
			};
		});
	return { closed, opened };
}

function actionEffects(
	compiled: CompiledDefinition,
	scope: StepScope,
	actions: readonly ExecutableAction[]
): Effect[] {
	const effects: Effect[] = [];
	let runIndex = 0;
	for (const action of actions) {
		const params = (action.params ?? {}) as Record<string, unknown>;
		if (action.type === 'xstate.raise' && typeof params.delay === 'number') {
			const raised = params.event as { type: string };
			effects.push({
				type: 'scheduleTimer',
				timerKey: String(params.id ?? raised.type),
				event: { type: raised.type },
				dueAt: scope.now + params.delay
			});
			continue;
		}
		if (action.type === 'xstate.cancel') {
			effects.push({ type: 'cancelTimer', timerKey: String(params.sendId) });
			continue;
		}
		const definition = compiled.registry.actions.get(action.type);
		if (!definition || definition.apply) continue;
		const env = compiled.envFor(action.info?.context ?? {}, action.info?.event ?? { type: '' });
		if (definition.effects) effects.push(...definition.effects(params, env));
		if (definition.run) {
			effects.push({
				type: 'runAction',
				actionType: action.type,
				params: definition.resolve ? definition.resolve(params, env) : params,
				idempotencyKey: `${scope.stepId}:${action.type}:${runIndex}`
			});
			runIndex += 1;
		}
	}
	return effects;
}

/**
 * The effects of one macrostep, in the order the runtime applies them: tasks closed, then
 * the actions' effects (timers, notifications, plugin actions) in execution order, then tasks
 * opened, then `complete` when the instance reached its final state.
 */
export function deriveEffects(
	compiled: CompiledDefinition,
	scope: StepScope,
	step: {
		previous: AnyMachineSnapshot | undefined;
		next: AnyMachineSnapshot;
		actions: readonly unknown[];
		event?: EngineEvent;
	}
): Effect[] {
	const previous = step.previous ? activePaths(step.previous.value) : [];
	const next = step.next.status === 'done' ? [] : activePaths(step.next.value);
	const actions = step.actions as ExecutableAction[];
	const tasks = taskEffects(compiled, scope, previous, next, step.event, enteredTasks(actions));
	const effects = [...tasks.closed, ...actionEffects(compiled, scope, actions), ...tasks.opened];
	if (step.next.status === 'done') {
		effects.push({ type: 'complete', output: step.next.output ?? step.next.context });
	}
	return effects;
}
