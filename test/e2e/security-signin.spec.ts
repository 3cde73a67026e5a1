import { afterAll, describe, expect, it } from 'vitest';
import {
	baseURL,
	closeBrowser,
	demoAccounts,
	hydrated,
	newPage,
	pageErrors,
	screenshot
} from './browser';

afterAll(closeBrowser);

describe('sign-in and access', () => {
	it('sends an anonymous visitor to the sign-in page with hardened headers', async () => {
		const { context, page } = await newPage({ as: false });
		const response = await page.goto('/workflows?tab=1');
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(new URL(page.url()).searchParams.get('next')).toBe('/workflows?tab=1');
		const headers = response?.headers() ?? {};
		const csp = headers['content-security-policy'] ?? '';
		expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).not.toContain('unsafe-eval');
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
		await hydrated(page);
		await screenshot(page, 'security-login-desktop');
		expect(pageErrors(page)).toEqual([]);
		await context.close();
	});

	it('answers the API with 401 JSON without a session', async () => {
		const { context } = await newPage({ as: false });
		const response = await context.request.get('/api/definitions', { maxRedirects: 0 });
		expect(response.status()).toBe(401);
		expect(await response.json()).toEqual({ error: 'unauthenticated' });
		await context.close();
	});

	it('gives one message for a wrong password and an unknown email, by keyboard at 375 px', async () => {
		const { context, page } = await newPage({ viewport: 'mobile', as: false });
		await page.goto('/login');
		await hydrated(page);
		const messages: string[] = [];
		for (const email of [demoAccounts.hr.email, 'nobody@qihang.example']) {
			await page.getByLabel('Email').fill(email);
			await page.getByLabel('Password').fill('definitely wrong');
			await page.getByLabel('Password').press('Enter');
			await page.getByRole('alert').waitFor();
			messages.push((await page.getByRole('alert').textContent())?.trim() ?? '');
		}
		expect(messages[0]).toBe('The email or password is not right.');
		expect(messages[1]).toBe(messages[0]);
		await screenshot(page, 'security-login-error-mobile');
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(375);
		await context.close();
	});

	it('signs in with an HttpOnly SameSite=Lax cookie, returns to next, and signs out', async () => {
		const { context, page } = await newPage({ as: false });
		await page.goto('/login?next=%2Fadmin%2Faudit');
		await hydrated(page);
		await page.getByLabel('Email').fill(demoAccounts.hr.email);
		await page.getByLabel('Password').fill(demoAccounts.hr.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL('**/admin/audit');
		const cookie = (await context.cookies()).find((c) => c.name === 'loopwork_session');
		expect(cookie?.httpOnly).toBe(true);
		expect(cookie?.sameSite).toBe('Lax');
		expect(cookie?.secure).toBe(false); // plain http here; Secure is set over https
		await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
		expect(
			await page.getByRole('cell', { name: 'auth.sign_in', exact: true }).count()
		).toBeGreaterThan(0);
		await screenshot(page, 'security-audit-desktop');

		const logout = await context.request.post('/logout', {
			headers: { origin: baseURL },
			maxRedirects: 0
		});
		expect(logout.status()).toBe(303);
		await page.goto('/admin/audit');
		expect(new URL(page.url()).pathname).toBe('/login');
		await context.close();
	});

	it('lets hr filter and export the audit trail, and refuses what hr may not see', async () => {
		const { context, page } = await newPage({ viewport: 'mobile', as: 'hr' });
		await page.goto('/admin/audit?action=auth');
		await hydrated(page);
		await screenshot(page, 'security-audit-mobile');
		const csv = await context.request.get('/admin/audit/export?action=auth');
		expect(csv.headers()['content-type']).toContain('text/csv');
		const body = await csv.body();
		expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(body.toString('utf8')).toContain('auth.sign_in');

		const refused = await context.request.get('/metrics', { maxRedirects: 0 });
		expect(refused.status()).toBe(403);
		const page403 = await page.goto('/metrics');
		expect(page403?.status()).toBe(403);
		await context.close();
	});

	it('serves /metrics to a scraper with the token, and to no one without it', async () => {
		const { context } = await newPage({ as: false });
		const token = process.env.LOOPWORK_METRICS_TOKEN ?? 'e2e-scrape-token-0123456789';
		const scraped = await context.request.get('/metrics', {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(scraped.status()).toBe(200);
		expect(await scraped.text()).toContain('loopwork_');
		const wrong = await context.request.get('/metrics', {
			headers: { authorization: 'Bearer not-the-token' },
			maxRedirects: 0
		});
		expect(wrong.status()).toBe(303);
		await context.close();
	});

	it('shows an unusable invitation link plainly', async () => {
		const { context, page } = await newPage({ viewport: 'mobile', as: false });
		await page.goto(`/invite/${'x'.repeat(43)}`);
		await hydrated(page);
		await page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
		await screenshot(page, 'security-invite-invalid-mobile');
		await context.close();
	});
});
