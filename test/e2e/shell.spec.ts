import { afterAll, describe, expect, it } from 'vitest';
import {
	baseURL,
	closeBrowser,
	hydrated,
	launch,
	newPage,
	pageErrors,
	screenshot,
	signIn
} from './browser';

afterAll(closeBrowser);

describe('app shell', () => {
	it('renders the landmarks, the navigation and the home page', async () => {
		const { context, page } = await newPage();
		await page.goto('/');
		await hydrated(page);
		await screenshot(page, 'home-desktop');
		expect(await page.locator('h1').first().textContent()).toContain('Overview');
		expect(await page.locator('header').count()).toBe(1);
		expect(await page.locator('main#main').count()).toBe(1);
		const nav = page.getByRole('navigation', { name: 'Main' });
		const links = await nav.getByRole('link').allInnerTexts();
		expect(links.slice(0, 3)).toEqual(['Overview', 'Workflows', 'Instances']);
		expect(await nav.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe(
			'page'
		);
		expect(pageErrors(page)).toEqual([]);
		await context.close();
	});

	it('is keyboard navigable: skip link first, then the navigation', async () => {
		const { context, page } = await newPage();
		await page.goto('/');
		await hydrated(page);
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Skip to content' });
		expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
		expect(await skip.isVisible()).toBe(true);
		await page.keyboard.press('Enter');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

		await page.goto('/');
		await hydrated(page);
		// Tab past the skip link and the brand link to the navigation, then follow "Workflows".
		let reached = false;
		for (let i = 0; i < 8 && !reached; i++) {
			await page.keyboard.press('Tab');
			reached = await page.evaluate(
				() => document.activeElement?.textContent?.trim() === 'Workflows'
			);
		}
		expect(reached).toBe(true);
		const outline = await page.evaluate(
			() => getComputedStyle(document.activeElement!).outlineStyle
		);
		expect(outline).not.toBe('none');
		await Promise.all([page.waitForURL('**/workflows'), page.keyboard.press('Enter')]);
		expect(await page.locator('h1').first().textContent()).toContain('Workflows');
		await context.close();
	});

	it('switches the interface to Chinese and back with the language switcher', async () => {
		const { context, page } = await newPage();
		await page.goto('/workflows');
		await hydrated(page);
		await Promise.all([
			page.waitForLoadState('load'),
			page.getByRole('button', { name: '中文' }).click()
		]);
		await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
		expect(new URL(page.url()).pathname).toBe('/workflows');
		expect(await page.locator('h1').first().textContent()).toContain('工作流');
		const nav = page.getByRole('navigation', { name: '主导航' });
		expect((await nav.getByRole('link').allInnerTexts()).slice(0, 3)).toEqual([
			'概览',
			'工作流',
			'实例'
		]);
		await hydrated(page);
		await screenshot(page, 'workflows-desktop-zh');
		await page.getByRole('button', { name: 'English' }).click();
		await page.waitForFunction(() => document.documentElement.lang === 'en');
		expect(await page.locator('h1').first().textContent()).toContain('Workflows');
		await context.close();
	});

	it('switches language without JavaScript', async () => {
		const context = await (await launch()).newContext({ baseURL, javaScriptEnabled: false });
		await signIn(context);
		const page = await context.newPage();
		await page.goto('/');
		await Promise.all([page.waitForURL('**/'), page.getByRole('button', { name: '中文' }).click()]);
		expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
		expect(await page.locator('h1').first().textContent()).toContain('概览');
		await context.close();
	});

	it('shows the sign-in page without navigation to a visitor', async () => {
		const { context, page } = await newPage({ as: false });
		await page.goto('/workflows');
		await hydrated(page);
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
		expect(await page.getByRole('button', { name: '中文' }).count()).toBe(1);
		await screenshot(page, 'login-desktop');
		await context.close();
	});

	it('fits a 375 px screen and opens the navigation in a sheet', async () => {
		const { context, page } = await newPage({ viewport: 'mobile' });
		for (const path of ['/', '/workflows', '/instances']) {
			await page.goto(path);
			await hydrated(page);
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(width, path).toBeLessThanOrEqual(375);
		}
		await page.goto('/');
		await hydrated(page);
		await screenshot(page, 'home-mobile');
		expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
		await page.getByRole('button', { name: 'Open navigation' }).click();
		const dialog = page.getByRole('dialog');
		await dialog.waitFor();
		await screenshot(page, 'nav-sheet-mobile', { fullPage: false });
		await Promise.all([
			page.waitForURL('**/instances'),
			dialog.getByRole('link', { name: 'Instances' }).click()
		]);
		await dialog.waitFor({ state: 'detached' });
		expect(await page.locator('h1').first().textContent()).toContain('Instances');
		await context.close();
	});
});
