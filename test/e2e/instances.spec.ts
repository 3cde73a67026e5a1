import type { APIRequestContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { baseURL, closeBrowser, hydrated, newPage, pageErrors, screenshot } from './browser';

afterAll(closeBrowser);

/** An employee to start an instance for: the demo company's people, found through the API. */
async function findSubjectId(request: APIRequestContext): Promise<string | undefined> {
	if (process.env.E2E_SUBJECT_ID) return process.env.E2E_SUBJECT_ID;
	for (const path of ['/api/people', '/api/employees']) {
		const response = await request.get(path);
		if (!response.ok()) continue;
		const body = (await response.json()) as Record<string, unknown>;
		const list = (body.people ?? body.employees ?? body.items ?? body) as { id?: string }[];
		if (Array.isArray(list) && list[0]?.id) return list[0].id;
	}
	const response = await request.get('/api/instances');
	if (response.ok()) {
		const { instances } = (await response.json()) as { instances: { subject: { id: string } }[] };
		if (instances[0]) return instances[0].subject.id;
	}
	// Pages that link to people (/people/<id>) name the demo company's employees too.
	for (const path of ['/goals', '/insights', '/inbox']) {
		const page = await request.get(path);
		if (!page.ok()) continue;
		const match = /href="\/people\/([0-9a-f-]{36})"/.exec(await page.text());
		if (match?.[1]) return match[1];
	}
	return undefined;
}

describe('instances', () => {
	it('starts an instance through the API and shows its state, tasks and journal', async () => {
		const { context, page } = await newPage();
		const subjectId = await findSubjectId(context.request);
		expect(subjectId, 'no employee found to start an instance for').toBeTruthy();
		const started = await context.request.post('/api/instances', {
			data: { definition: 'annual-performance-cycle', subjectId },
			headers: { origin: baseURL }
		});
		expect(started.status(), await started.text()).toBe(201);
		const { instanceId } = (await started.json()) as { instanceId: string };

		await page.goto('/instances');
		await hydrated(page);
		await screenshot(page, 'instances-desktop');
		await Promise.all([
			page.waitForURL(`**/instances/${instanceId}`),
			page.locator(`a[href="/instances/${instanceId}"]`).click()
		]);
		await hydrated(page);
		const states = await page.getByTestId('current-states').innerText();
		expect(states).toContain('goalSetting');
		expect(await page.getByRole('heading', { name: 'Journal' }).count()).toBe(1);
		expect(await page.locator('ol li').filter({ hasText: 'Started' }).count()).toBe(1);
		expect(await page.getByRole('heading', { name: 'Open tasks' }).count()).toBe(1);
		await screenshot(page, 'instance-desktop');
		expect(pageErrors(page)).toEqual([]);
		await context.close();

		const mobile = await newPage({ viewport: 'mobile' });
		await mobile.page.goto(`/instances/${instanceId}`);
		await hydrated(mobile.page);
		expect(
			await mobile.page.evaluate(() => document.documentElement.scrollWidth)
		).toBeLessThanOrEqual(375);
		await screenshot(mobile.page, 'instance-mobile');
		await mobile.context.close();
	});

	it('answers an unknown instance with a 404 page', async () => {
		const { context, page } = await newPage();
		const response = await page.goto('/instances/00000000-0000-4000-8000-000000000000');
		expect(response?.status()).toBe(404);
		expect(await page.locator('h1').innerText()).toBe('Instance not found');
		await context.close();
	});
});
