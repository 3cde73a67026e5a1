/**
 * What the runtime needs from the engine (docs/architecture.md, "The engine API"). The runtime
 * depends on this port, not on the engine's files, so it can be driven by a small test engine
 * and by the real one (`configureRuntime({ engine })`, done by startApp).
 */
export type Assignee = { kind: 'person'; id: string } | { kind: 'role'; role: string };

export type Effect =
	| {
			type: 'openTask';
			taskKey: string;
			statePath: string;
			kind: string;
			assignee: Assignee;
			form?: string;
			title?: string;
			dueAt?: Date | string | number;
	  }
	| { type: 'closeTask'; taskKey: string; reason?: string }
	| { type: 'scheduleTimer'; timerKey: string; event: RuntimeEvent; dueAt: Date | string | number }
	| { type: 'cancelTimer'; timerKey: string }
	| { type: 'runAction'; actionType: string; params: unknown; idempotencyKey?: string }
	| { type: 'notify'; template: string; to: unknown; params?: unknown }
	| { type: 'complete'; output?: unknown };

export type RuntimeEvent = { type: string; data?: unknown; taskId?: string };

export type Subject = {
	id: string;
	name: string;
	email: string;
	managerId: string | null;
	unitId: string | null;
	jobTitle: string | null;
	country: string | null;
	locale: string;
	timeZone: string;
	hireDate: string | null;
	/** Goal progress 0..1, when known; `pace` is where it should be by now, `lag` the gap. */
	progress?: number;
	pace?: number;
	lag?: number;
	metrics: Record<string, unknown>;
	/** Per metric key, the key result that binds it (see runtime/subject-data.ts). */
	keyResults?: Record<string, unknown>;
	attributes: Record<string, unknown>;
	manager: Subject | null;
};

/** `stepId` (instanceId:seq) seeds the engine's idempotency keys. */
export type StepEnv = { subject: Subject; now: Date; stepId?: string };
export type Snapshot = Record<string, unknown>;
export type LintIssue = {
	severity: 'error' | 'warning';
	code: string;
	path: string;
	message: string;
	hint?: string;
};

export type StepResult =
	| { ok: true; snapshot: Snapshot; effects: Effect[] }
	| {
			ok: false;
			/** `evaluation_failed`: an expression threw; `message` says why. */
			code: 'event_not_accepted' | 'evaluation_failed';
			state: unknown;
			accepted: string[];
			message?: string;
	  };

export type Engine<Compiled = unknown, Definition = unknown> = {
	parseDefinition: (
		json: unknown
	) => { ok: true; value: Definition } | { ok: false; issues: LintIssue[] | unknown[] };
	lintDefinition: (definition: Definition, registry: unknown) => LintIssue[];
	compileDefinition: (definition: Definition, registry: unknown) => Compiled;
	initialStep: (
		compiled: Compiled,
		env: StepEnv & { input?: unknown }
	) => { snapshot: Snapshot; effects: Effect[] };
	step: (compiled: Compiled, snapshot: Snapshot, event: RuntimeEvent, env: StepEnv) => StepResult;
	acceptedEvents: (compiled: Compiled, snapshot: Snapshot, env: StepEnv) => string[];
};

type RuntimeConfig = { engine: Engine | undefined; registry: unknown };
const config: RuntimeConfig = { engine: undefined, registry: undefined };

/** Sets the engine and plugin registry the runtime uses (startApp and tests call it). */
export function configureRuntime<C, D>(next: { engine: Engine<C, D>; registry: unknown }): void {
	config.engine = next.engine as unknown as Engine;
	config.registry = next.registry;
	compiledCache.clear();
}

export function runtimeEngine(): Engine {
	if (!config.engine) throw new Error('runtime engine not configured (call configureRuntime)');
	return config.engine;
}

export function runtimeRegistry(): unknown {
	return config.registry;
}

export type CompiledVersion = { compiled: unknown; definition: unknown; content: unknown };
const compiledCache = new Map<string, CompiledVersion>();

/** Compiles a version's content once per process; versions are immutable, so no invalidation. */
export function compiledVersion(versionId: string, content: unknown): CompiledVersion {
	const cached = compiledCache.get(versionId);
	if (cached) return cached;
	const engine = runtimeEngine();
	const parsed = engine.parseDefinition(content);
	if (!parsed.ok) throw new Error(`stored version ${versionId} no longer parses`);
	const entry = {
		compiled: engine.compileDefinition(parsed.value, config.registry),
		definition: parsed.value,
		content
	};
	compiledCache.set(versionId, entry);
	return entry;
}

export function cachedVersion(versionId: string): CompiledVersion | undefined {
	return compiledCache.get(versionId);
}
