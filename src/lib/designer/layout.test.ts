import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import annual from '../../../workflows/annual-performance-cycle.workflow.json';
import { parseDefinition } from '../engine/definition';
import { setLayout } from './edits';
import { computeLayout, hasCompleteLayout } from './layout';

const parsed = parseDefinition(annual);
if (!parsed.ok) throw new Error('fixture');
const definition = parsed.value;

describe('layout', () => {
	it('lays out compound states inside their containers, which get a size', async () => {
		const layout = await computeLayout(new ELK(), definition);
		expect(Object.keys(layout)).toContain('tracking.metrics.watching');
		const tracking = layout.tracking;
		expect(tracking?.width).toBeGreaterThan(200);
		expect(layout['tracking.metrics']?.height).toBeGreaterThan(60);
		// Top-level states flow downwards: goal setting above the final state.
		expect(layout.goalSetting?.y ?? 0).toBeLessThan(layout.done?.y ?? 0);
	});

	it('keeps a complete hand-made layout and re-lays out a partial one', async () => {
		expect(hasCompleteLayout(definition)).toBe(false);
		const laid = setLayout(definition, await computeLayout(new ELK(), definition));
		expect(hasCompleteLayout(laid)).toBe(true);
	});
});
