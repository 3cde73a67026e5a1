import { describe, expect, it } from 'vitest';
import annual from '../../../../workflows/annual-performance-cycle.workflow.json';
import { hasCompleteLayout } from '../../designer/layout';
import { withServerLayout } from './layout';

describe('server layout', () => {
	it('lays out a definition without a complete layout, once per content', async () => {
		const content = { ...(annual as Record<string, unknown>), layout: undefined };
		const first = await withServerLayout(content);
		expect(hasCompleteLayout(first)).toBe(true);
		expect(await withServerLayout({ ...content })).toBe(first);
	});

	it('keeps a complete layout as it is', async () => {
		const laidOut = await withServerLayout({ ...(annual as Record<string, unknown>) });
		expect(await withServerLayout(laidOut as never)).toBe(laidOut);
	});
});
