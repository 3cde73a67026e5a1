import type { CompiledDefinition } from './compile';
import { parseIsoDuration } from './duration';
import { initialStep, step, type EngineSnapshot, type StepResult } from './step';
import type { Effect, EngineEvent, Subject } from './types';

type OpenTask = Extract<Effect, { type: 'openTask' }>;
type Timer = { timerKey: string; event: { type: string }; dueAt: number };

/** One entry of the simulation log: what was sent (or fired) and what came out. */
export type SimulationEntry = {
	at: number;
	event: EngineEvent | { type: 'start' };
	result: StepResult;
};

export type SimulationOptions = {
	subject: Subject;
	/** Virtual start time (epoch ms or Date). */
	start: number | Date;
	input?: Record<string, unknown>;
};

/**
 * A pure simulator over `step` with a virtual clock: it keeps the open tasks and pending
 * timers the effects describe, and `advance` fires due timers in due order. The designer's
 * "run" panel and the workflow tests drive definitions with it.
 */
export class Simulation {
	now: number;
	subject: Subject;
	snapshot: EngineSnapshot;
	readonly tasks = new Map<string, OpenTask>();
	readonly timers = new Map<string, Timer>();
	readonly log: SimulationEntry[] = [];
	private sequence = 0;

	constructor(
		readonly compiled: CompiledDefinition,
		options: SimulationOptions
	) {
		this.now = typeof options.start === 'number' ? options.start : options.start.getTime();
		this.subject = options.subject;
		const first = initialStep(compiled, {
			subject: this.subject,
			now: this.now,
			input: options.input,
			stepId: this.nextStepId()
		});
		this.snapshot = first.snapshot;
		this.apply(first.effects);
		this.log.push({
			at: this.now,
			event: { type: 'start' },
			result: { ok: true, snapshot: first.snapshot, effects: first.effects }
		});
	}

	private nextStepId(): string {
		this.sequence += 1;
		return `sim-${this.sequence}`;
	}

	private apply(effects: readonly Effect[]) {
		for (const effect of effects) {
			if (effect.type === 'openTask') this.tasks.set(effect.taskKey, effect);
			else if (effect.type === 'closeTask') this.tasks.delete(effect.taskKey);
			else if (effect.type === 'scheduleTimer') this.timers.set(effect.timerKey, effect);
			else if (effect.type === 'cancelTimer') this.timers.delete(effect.timerKey);
		}
	}

	/** Sends an event now; a refused event leaves everything as it was. */
	send(event: EngineEvent): StepResult {
		const result = step(this.compiled, this.snapshot, event, {
			subject: this.subject,
			now: this.now,
			stepId: this.nextStepId()
		});
		this.log.push({ at: this.now, event, result });
		if (result.ok) {
			this.snapshot = result.snapshot;
			this.apply(result.effects);
		}
		return result;
	}

	/**
	 * Moves the clock forward (ms or an ISO-8601 duration), firing every timer that comes due,
	 * earliest first, each at its own due time. Returns the results of the fired timers.
	 */
	advance(by: number | string): StepResult[] {
		const ms = typeof by === 'number' ? by : parseIsoDuration(by);
		if (ms === undefined) throw new Error(`Not a duration: ${String(by)}`);
		const until = this.now + ms;
		const fired: StepResult[] = [];
		for (;;) {
			const due = [...this.timers.values()]
				.filter((timer) => timer.dueAt <= until)
				.sort((a, b) => a.dueAt - b.dueAt)[0];
			if (!due) break;
			this.timers.delete(due.timerKey);
			this.now = Math.max(this.now, due.dueAt);
			fired.push(this.send(due.event));
		}
		this.now = until;
		return fired;
	}

	/** All effects produced so far, in order. */
	get effects(): Effect[] {
		return this.log.flatMap((entry) => (entry.result.ok ? entry.result.effects : []));
	}

	/** Whether the instance reached its final state. */
	get isDone(): boolean {
		return this.snapshot.status === 'done';
	}
}

/** Starts a simulation of a compiled definition. */
export function simulate(compiled: CompiledDefinition, options: SimulationOptions): Simulation {
	return new Simulation(compiled, options);
}
