import { parseDefinition } from '../../engine/definition';
import { lintDefinition } from '../../engine/lint';
import { compileDefinition } from '../../engine/compile';
import { acceptedEvents, initialStep, step } from '../../engine/step';
import type { Engine } from './engine-port';

/** The engine of src/lib/engine behind the runtime's port. */
export const realEngine = {
	parseDefinition,
	lintDefinition,
	compileDefinition,
	initialStep,
	step,
	acceptedEvents
} as unknown as Engine<never, never>;
