import { afterAll, describe, expect, it } from 'vitest';
import { baseURL, closeBrowser, newPage, pageErrors, screenshot } from './browser';

afterAll(closeBrowser);

const designer = { email: 'lin.tao@qihang.example', password: 'loopwork-demo-designer' };

async function designerPage() {
	const opened = await newPage({ as: false } as never);
	const response = await opened.context.request.post('/login', {
		form: { ...designer, next: '/' },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	return opened;
}

describe('designer: the profit-strategy re-model', () => {
	// TODO(#6): passes up to the simulation step; finish the publish → migrate half.
	it.skip('adds a review task from the palette, edits, undoes and redoes, and simulates', async () => {
		const { context, page } = await designerPage();
		await page.goto('/designer/annual-performance-cycle');
		await page.locator('[data-state="goalSetting"]').waitFor();
		await page.dragAndDrop('[data-kind="task"]', '.svelte-flow__pane', {
			targetPosition: { x: 150, y: 150 }
		});
		await page.fill('#lw-node-label', 'Profit per user review');
		await page.getByRole('button', { name: '+ Add a field' }).click();
		await page.locator('[data-testid=form-preview] label').first().waitFor();
		// Wire it between self review and the manager evaluation.
		await page.selectOption('#lw-new-target', 'managerEvaluation');
		await page.fill('#lw-new-event', 'submit');
		await page.getByRole('button', { name: 'Add', exact: true }).last().click();
		await page.selectOption('#lw-select-state', 'selfReview');
		await page.locator('[data-testid=side-panel] button', { hasText: 'submit' }).click();
		await page.selectOption('#lw-edge-target', 'task');
		// Change a guard, then undo and redo it.
		await page.selectOption('#lw-select-state', 'managerApproval');
		await page.locator('[data-testid=side-panel] button', { hasText: 'return' }).click();
		await page.fill('#lw-edge-guard', 'has(event.data.comment) && size(event.data.comment) > 5');
		await expect.poll(() => page.locator('#lw-edge-guard-status').textContent()).toContain('Valid');
		await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
		await page.keyboard.press('Control+z');
		await page.keyboard.press('Control+Shift+z');
		await screenshot(page, 'designer-remodel');
		await page.getByRole('tab', { name: 'Simulation' }).click();
		await page.getByRole('button', { name: 'Start' }).click();
		expect(await page.locator('[data-testid=sim-state]').textContent()).toContain('goalSetting');
		await screenshot(page, 'designer-simulation');
		expect(pageErrors(page)).toEqual([]);
		await context.close();
	});

	it('fits a 375 px screen', async () => {
		const { context, page } = await designerPage();
		await page.setViewportSize({ width: 375, height: 740 });
		await page.goto('/designer/annual-performance-cycle');
		await page.locator('[data-state="goalSetting"]').waitFor();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await context.close();
	});
});
