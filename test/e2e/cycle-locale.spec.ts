import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, hydrated, screenshot } from './browser';
import { employeeId, openTask, pageAs, startCycle } from './cycle-helpers';

/** The goal form and the navigation in Chinese, at desktop width and on a 375 px phone. */
let hr: Awaited<ReturnType<typeof pageAs>>;
let subject: Awaited<ReturnType<typeof pageAs>>;
let instanceId = '';

async function toChinese(page: Page): Promise<void> {
	await hydrated(page);
	await Promise.all([
		page.waitForLoadState('load'),
		page.getByRole('button', { name: '中文' }).first().click()
	]);
	await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
	await hydrated(page);
}

beforeAll(async () => {
	hr = await pageAs('he');
	instanceId = await startCycle(hr.page, await employeeId(hr.page, 'Zhang San'));
	subject = await pageAs('zhang');
});
afterAll(async () => {
	await hr?.context.close();
	await subject?.context.close();
	await closeBrowser();
});

describe.sequential('the goal form and navigation in Chinese', () => {
	it('shows the field titles and the outcome button in Chinese', async () => {
		const { page } = subject;
		await openTask(page, 'Set your goals for FY2025', { instanceId });
		await toChinese(page);
		await screenshot(page, 'locale-goal-form-desktop-zh');
		const text = (await page.locator('main').textContent()) ?? '';
		expect(text).toContain('目标');
		expect(await page.getByRole('button', { name: '提交' }).count()).toBe(1);
		await page.setViewportSize({ width: 375, height: 812 });
		await screenshot(page, 'locale-goal-form-mobile-zh', { fullPage: false });
	});

	it('lists Admin for an administrator, in both languages and widths', async () => {
		const admin = await pageAs('gao');
		await admin.page.goto('/');
		await hydrated(admin.page);
		const nav = admin.page.getByRole('navigation', { name: 'Main' });
		expect(await nav.getByRole('link').allInnerTexts()).toContain('Admin');
		await screenshot(admin.page, 'locale-nav-admin-desktop-en', { fullPage: false });
		await toChinese(admin.page);
		const zhNav = admin.page.getByRole('navigation', { name: '主导航' });
		expect(await zhNav.getByRole('link').allInnerTexts()).toContain('管理');
		await admin.page.setViewportSize({ width: 375, height: 812 });
		await admin.page.getByRole('button', { name: '打开导航' }).first().click();
		await admin.page.getByRole('dialog').waitFor();
		await screenshot(admin.page, 'locale-nav-admin-mobile-zh', { fullPage: false });
		await admin.context.close();
	});
});
