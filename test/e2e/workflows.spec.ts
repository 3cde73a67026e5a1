import { afterAll, describe, expect, it } from 'vitest';
import { baseURL, closeBrowser, hydrated, newPage, pageErrors, screenshot } from './browser';

afterAll(closeBrowser);

const shipped = [
	'annual-performance-cycle',
	'annual-performance-cycle-profit',
	'monthly-sales-target'
];

describe('workflows', () => {
	it('lists the three shipped definitions with their versions', async () => {
		const { context, page } = await newPage();
		await page.goto('/workflows');
		await hydrated(page);
		await screenshot(page, 'workflows-desktop');
		const rows = page.locator('tbody tr');
		const slugs = await rows.locator('.font-mono').allInnerTexts();
		for (const slug of shipped) expect(slugs).toContain(slug);
		expect(await rows.first().getByRole('link', { name: /^v\d+/ }).count()).toBeGreaterThan(0);
		expect(pageErrors(page)).toEqual([]);
		await context.close();
	});

	it('shows a version as a read-only outline of states, forms and templates', async () => {
		const { context, page } = await newPage();
		await page.goto('/workflows/annual-performance-cycle');
		await hydrated(page);
		expect(new URL(page.url()).pathname).toMatch(/^\/workflows\/annual-performance-cycle\/v\/\d+$/);
		expect(await page.locator('h1').innerText()).toBe('Annual performance cycle');
		expect(await page.locator('[data-state-path]').count()).toBeGreaterThan(3);
		expect(await page.getByRole('heading', { name: 'Forms' }).count()).toBe(1);
		expect(await page.getByRole('heading', { name: 'Templates' }).count()).toBe(1);
		await screenshot(page, 'definition-desktop');
		expect(pageErrors(page)).toEqual([]);
		await context.close();
	});

	it('shows the definition in Chinese and fits 375 px', async () => {
		const { context, page } = await newPage({ viewport: 'mobile' });
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: baseURL }]);
		await page.goto('/workflows/annual-performance-cycle');
		await hydrated(page);
		expect(await page.locator('h1').innerText()).toBe('年度绩效周期');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await screenshot(page, 'definition-mobile-zh', { fullPage: false });
		await page.goto('/workflows');
		await hydrated(page);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await screenshot(page, 'workflows-mobile-zh');
		await context.close();
	});

	it('answers an unknown workflow with a 404 page', async () => {
		const { context, page } = await newPage();
		const response = await page.goto('/workflows/no-such-workflow/v/1');
		expect(response?.status()).toBe(404);
		expect(await page.locator('h1').innerText()).toBe('Version not found');
		await screenshot(page, 'not-found-desktop');
		await context.close();
	});
});
