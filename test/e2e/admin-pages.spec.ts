import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { baseURL, closeBrowser, hydrated, newPage, pageErrors, screenshot } from './browser';

afterAll(closeBrowser);

const ADMIN = { email: 'gao.yuan@qihang.example', password: 'loopwork-demo-admin' };

/** Signs in as the demo admin through the real form post, like the harness's own helper. */
async function asAdmin(
	viewport: 'desktop' | 'mobile' = 'desktop'
): Promise<{ context: BrowserContext; page: Page }> {
	const { context, page } = await newPage({ as: false, viewport });
	const response = await context.request.post('/login', {
		form: { ...ADMIN, next: '/' },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	return { context, page };
}

async function noSideScroll(page: Page): Promise<void> {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(375);
}

describe('admin pages', () => {
	it('swaps the weighting to the profit scheme after a preview and shows the re-score count', async () => {
		const { context, page } = await asAdmin();
		await page.goto('/admin/weightings');
		await hydrated(page);
		await screenshot(page, 'admin-weightings-desktop');
		await page.goto('/admin/weightings/company-annual/new?from=2');
		await hydrated(page);
		await expect.poll(() => page.getByTestId('weight-sum').textContent()).toContain('100');
		await page.getByLabel('Why').fill('Profit strategy: profit per user 40%, new users dropped');
		await page.getByRole('button', { name: /Preview swap/ }).click();
		const preview = page.getByTestId('swap-preview');
		await preview.waitFor();
		const text = (await preview.textContent()) ?? '';
		const rescored = Number(/re-score (\d+) live/.exec(text)?.[1]);
		expect(rescored).toBeGreaterThan(0);
		expect(text).toMatch(/leave \d+ finalised evaluations/);
		await screenshot(page, 'admin-weighting-preview-desktop');
		await page.getByRole('button', { name: 'Apply swap' }).click();
		const result = page.getByTestId('swap-result');
		await result.waitFor();
		expect(await result.textContent()).toContain(`${rescored} live evaluations re-scored`);
		await screenshot(page, 'admin-weighting-swapped-desktop');
		expect(pageErrors(page)).toEqual([]);
		await context.close();
	});

	it('refuses a scheme whose weights sum to 90, naming the scheme and the sum', async () => {
		const { context, page } = await asAdmin('mobile');
		await page.goto('/admin/weightings/company-annual/new');
		await hydrated(page);
		await page.getByLabel('Weight %').first().fill('30');
		await expect.poll(() => page.getByTestId('weight-sum').textContent()).toContain('90');
		await page.getByLabel('Why').fill('Trying a lighter profit weight');
		await page.getByRole('button', { name: /Preview swap/ }).click();
		const error = page.getByTestId('field-error-items');
		await error.waitFor();
		const message = (await error.textContent()) ?? '';
		expect(message).toContain('company-annual');
		expect(message).toContain('add up to 90, not 100');
		expect(await page.getByTestId('swap-preview').count()).toBe(0);
		await screenshot(page, 'admin-weighting-sum-90-mobile');
		await noSideScroll(page);
		await context.close();
	});

	it('shows a bad formula error at the formula field and stores nothing', async () => {
		const { context, page } = await asAdmin();
		await page.goto('/admin/metrics');
		await hydrated(page);
		await screenshot(page, 'admin-metrics-desktop');
		await page.goto('/admin/metrics/new');
		await hydrated(page);
		await page.getByLabel('Key', { exact: true }).fill('margin_per_user');
		await page.getByLabel('Name (English)').fill('Margin per user');
		await page.getByLabel('Unit', { exact: true }).selectOption('currency');
		await page.getByLabel('Currency', { exact: true }).fill('CNY');
		await page.getByLabel('Formula').fill('profit / / active_users');
		await page.getByRole('button', { name: 'Create metric' }).click();
		const error = page.getByTestId('field-error-formula');
		await error.waitFor();
		expect(await error.textContent()).toMatch(/does not compile at column \d+/);
		expect(await page.getByLabel('Formula').getAttribute('aria-invalid')).toBe('true');
		await screenshot(page, 'admin-metric-bad-formula-desktop');
		await page.goto('/admin/metrics');
		expect(await page.getByText('margin_per_user').count()).toBe(0);
		await context.close();
	});

	it('records a role change in the audit trail', async () => {
		const { context, page } = await asAdmin();
		await page.goto('/admin/people?q=Wang+Wu');
		await hydrated(page);
		await screenshot(page, 'admin-people-desktop');
		await page
			.getByRole('link', { name: /Wang Wu/ })
			.first()
			.click();
		await page.waitForURL(/\/admin\/people\/[0-9a-f-]{36}$/);
		await hydrated(page);
		await page.getByLabel('Role', { exact: true }).selectOption('designer');
		await page.getByRole('button', { name: 'Grant role' }).click();
		await page.getByRole('status').filter({ hasText: 'Role Designer granted' }).waitFor();
		await screenshot(page, 'admin-person-desktop');
		await page.goto('/admin/audit?action=role.assign');
		await page.getByRole('cell', { name: 'role.assign', exact: true }).first().waitFor();
		expect(await page.getByText(ADMIN.email).count()).toBeGreaterThan(0);
		await context.close();
	});

	it('works at 375 px on every admin page', async () => {
		const { context, page } = await asAdmin('mobile');
		for (const [path, name] of [
			['/admin', 'admin-index-mobile'],
			['/admin/people', 'admin-people-mobile'],
			['/admin/metrics', 'admin-metrics-mobile'],
			['/admin/metrics/profit_per_user', 'admin-metric-edit-mobile'],
			['/admin/weightings', 'admin-weightings-mobile'],
			['/admin/weightings/company-annual', 'admin-weighting-detail-mobile'],
			['/admin/weightings/company-annual/new', 'admin-weighting-new-mobile']
		] as const) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(200);
			await hydrated(page);
			await screenshot(page, name);
			await noSideScroll(page);
		}
		await page.goto('/admin/people?q=Zhang+San');
		await page
			.getByRole('link', { name: /Zhang San/ })
			.first()
			.click();
		await hydrated(page);
		await screenshot(page, 'admin-person-mobile');
		await noSideScroll(page);
		expect(pageErrors(page)).toEqual([]);
		await context.close();
	});

	it('issues a reset link shown once and refuses a non-admin', async () => {
		const { context, page } = await asAdmin();
		await page.goto('/admin/people?q=Li+Si');
		await page.getByRole('link', { name: /Li Si/ }).first().click();
		await hydrated(page);
		await page.getByRole('button', { name: 'Issue password reset link' }).click();
		const link = page.getByLabel('Link to pass on');
		await link.waitFor();
		expect(await link.inputValue()).toMatch(/\/reset\/[A-Za-z0-9_-]{43}$/);
		await screenshot(page, 'admin-person-link-desktop');
		await page.reload();
		expect(await page.getByLabel('Link to pass on').count()).toBe(0);
		await context.close();

		const hr = await newPage({ as: 'hr' });
		const refused = await hr.page.goto('/admin/weightings');
		expect(refused?.status()).toBe(403);
		await hr.context.close();
	});
});
