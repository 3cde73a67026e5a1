import { compileDefinition, type CompiledDefinition } from '../engine/compile';
import type { Definition } from '../engine/definition';
import { DAY_MS, parseIsoDuration } from '../engine/duration';
import { activePaths } from '../engine/effects';
import type { Registry } from '../engine/registry';
import { Simulation } from '../engine/simulate';
import { acceptedEvents } from '../engine/step';
import type { EngineEvent, Subject } from '../engine/types';
import { formFields, type FormField } from './form-model';
import type { Problem } from './problems';

/** One line of the event log; a timer's label is its delay (`P7D`). */
export type LogEntry = { at: number; label: string; isTimer: boolean; ok: boolean; state: string };

/** An event the instance accepts now, with the form its task asks for (if any). */
export type OfferedEvent = { type: string; fields: FormField[]; taskKey?: string };

const START = Date.UTC(2025, 0, 1);

function startOf(definition: Definition): number {
	const cycle = (definition.context as { cycle?: { start?: unknown } } | undefined)?.cycle;
	const at = typeof cycle?.start === 'string' ? Date.parse(cycle.start) : NaN;
	return Number.isFinite(at) ? at : START;
}

function stateText(value: unknown): string {
	return activePaths(value as never)
		.filter((p, _, all) => !all.some((q) => q.startsWith(`${p}.`)))
		.join(', ');
}

/**
 * The designer's simulation: the engine's own compile + step with a virtual clock. It stops
 * where the draft has lint errors: a state with an error cannot be simulated past.
 */
export class SimulationSession {
	private sim: Simulation | undefined;
	private compiled: CompiledDefinition | undefined;
	/** Bumped after every change of the simulation (the class itself is not reactive). */
	tick = $state(0);
	error = $state<string | undefined>();

	constructor(private readonly registry: Registry) {}

	get isRunning() {
		void this.tick;
		return this.sim !== undefined;
	}

	start(definition: Definition, subject: Subject) {
		this.error = undefined;
		try {
			this.compiled = compileDefinition(definition, this.registry);
			this.sim = new Simulation(this.compiled, { subject, start: startOf(definition) });
		} catch (error) {
			this.sim = undefined;
			this.error = error instanceof Error ? error.message : String(error);
		}
		this.tick += 1;
	}

	reset() {
		this.sim = undefined;
		this.compiled = undefined;
		this.error = undefined;
		this.tick += 1;
	}

	get active(): ReadonlySet<string> {
		void this.tick;
		// A fresh value per tick: the session itself is the reactive part.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		return new Set(
			this.sim && this.sim.snapshot.status === 'active' ? activePaths(this.sim.snapshot.value) : []
		);
	}

	get now(): number | undefined {
		void this.tick;
		return this.sim?.now;
	}

	get isDone(): boolean {
		void this.tick;
		return this.sim?.isDone ?? false;
	}

	get stateText(): string {
		void this.tick;
		return this.sim ? stateText(this.sim.snapshot.value) : '';
	}

	/** Error problems on an active state: the simulation halts there. */
	blockedBy(problems: readonly Problem[]): Problem[] {
		const active = this.active;
		return problems.filter(
			(p) => p.severity === 'error' && p.nodeId !== undefined && active.has(p.nodeId)
		);
	}

	get offered(): OfferedEvent[] {
		void this.tick;
		const sim = this.sim;
		const compiled = this.compiled;
		if (!sim || !compiled || sim.snapshot.status !== 'active') return [];
		const types = acceptedEvents(compiled, sim.snapshot, {
			subject: sim.subject,
			now: sim.now
		}).filter((t) => !t.startsWith('xstate.'));
		return types.map((type) => {
			const task = [...sim.tasks.values()].find((t) => t.outcomes.includes(type));
			const form = task?.form ? compiled.definition.forms?.[task.form] : undefined;
			return { type, fields: formFields(form), ...(task ? { taskKey: task.taskKey } : {}) };
		});
	}

	get timers(): { key: string; dueAt: number }[] {
		void this.tick;
		return [...(this.sim?.timers.values() ?? [])]
			.map((t) => ({ key: t.timerKey, dueAt: t.dueAt }))
			.sort((a, b) => a.dueAt - b.dueAt);
	}

	get log(): LogEntry[] {
		void this.tick;
		return (this.sim?.log ?? []).map((entry) => ({
			at: entry.at,
			label: entry.event.type.startsWith('xstate.after.')
				? (entry.event.type.split('.')[2] ?? '')
				: entry.event.type,
			isTimer: entry.event.type.startsWith('xstate.after.'),
			ok: entry.result.ok,
			state: entry.result.ok
				? stateText(entry.result.snapshot.value)
				: (entry.result.message ?? entry.result.code)
		}));
	}

	send(event: EngineEvent) {
		this.sim?.send(event);
		this.tick += 1;
	}

	/** Moves the clock by an ISO duration or ms, firing the timers that come due. */
	advance(by: string | number) {
		const ms = typeof by === 'number' ? by : parseIsoDuration(by);
		if (ms === undefined || !this.sim) return;
		this.sim.advance(ms);
		this.tick += 1;
	}

	/** Advances exactly to the next timer. */
	nextTimer() {
		const next = this.timers[0];
		if (!next || !this.sim) return;
		this.advance(Math.max(0, next.dueAt - this.sim.now));
	}
}

/** A sensible value per field so a simulated task can be completed with one click. */
export function sampleValue(field: FormField): unknown {
	if (field.type === 'boolean') return true;
	if (field.type === 'number' || field.type === 'integer')
		return field.maximum ?? field.minimum ?? 1;
	return 'Simulated answer';
}

export const ONE_DAY = DAY_MS;
