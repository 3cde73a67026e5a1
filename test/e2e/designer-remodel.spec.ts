import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { baseURL, closeBrowser, hydrated, newPage, pageErrors, screenshot } from './browser';

afterAll(closeBrowser);

const SLUG = 'annual-performance-cycle';
const designer = { email: 'lin.tao@qihang.example', password: 'loopwork-demo-designer' };

async function designerPage(viewport: 'desktop' | 'mobile' = 'desktop') {
	const opened = await newPage({ as: false, viewport });
	const response = await opened.context.request.post('/login', {
		form: { ...designer, next: '/' },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	return opened;
}

type InstanceJson = { definition: { version: number }; stateValue: unknown; status: string };

async function instance(request: APIRequestContext, id: string): Promise<InstanceJson> {
	const response = await request.get(`/api/instances/${id}`);
	expect(response.status(), await response.text()).toBe(200);
	const body = (await response.json()) as InstanceJson | { instance: InstanceJson };
	return 'instance' in body ? body.instance : body;
}

async function startOne(request: APIRequestContext, subjectId: string): Promise<string> {
	const started = await request.post('/api/instances', {
		data: { definition: SLUG, subjectId },
		headers: { origin: baseURL }
	});
	expect(started.status(), await started.text()).toBe(201);
	return ((await started.json()) as { instanceId: string }).instanceId;
}

/** An employee of the demo company: from the directory API, else from a page that links people. */
async function findSubjectId(request: APIRequestContext): Promise<string | undefined> {
	const response = await request.get('/api/people');
	if (response.ok() && response.headers()['content-type']?.includes('json')) {
		const { people } = (await response.json()) as { people?: { id: string }[] };
		if (people?.[0]) return people[0].id;
	}
	for (const path of ['/goals', '/insights', '/inbox']) {
		const page = await request.get(path);
		const match = page.ok() ? /href="\/people\/([0-9a-f-]{36})"/.exec(await page.text()) : null;
		if (match?.[1]) return match[1];
	}
	const listed = await request.get('/api/instances');
	const { instances } = (await listed.json()) as { instances: { subject: { id: string } }[] };
	return instances[0]?.subject.id;
}

/** Sends an event the simulation offers: straight away, or through its form. */
async function simSend(page: Page, event: string) {
	const sim = page.getByTestId('simulation');
	const direct = sim.locator(`button[data-event="${event}"]`);
	if ((await direct.count()) === 0) {
		await sim.getByRole('button', { name: `${event}…`, exact: true }).click();
	}
	const before = await page.getByTestId('sim-log').locator('li').count();
	await sim.locator(`button[data-event="${event}"]`).click();
	await expect
		.poll(() => page.getByTestId('sim-log').locator('li').count())
		.toBeGreaterThan(before);
}

async function simState(page: Page) {
	return (await page.getByTestId('sim-state').textContent()) ?? '';
}

describe('designer: the profit-strategy re-model', () => {
	it('re-models the annual cycle, simulates it, publishes v2 and migrates a running instance', async () => {
		const hr = await newPage();
		const subjectId = await findSubjectId(hr.context.request);
		expect(subjectId, 'no employee to start an instance for').toBeTruthy();

		const { context, page } = await designerPage();
		// Start from the published version whatever an earlier run left behind.
		const reset = await context.request.delete(`/designer/${SLUG}/draft`, {
			headers: { origin: baseURL }
		});
		expect(reset.status()).toBe(200);

		await page.goto(`/designer/${SLUG}`);
		await hydrated(page);
		await page.locator('[data-state="goalSetting"]').waitFor();
		const base = Number(
			/Version (\d+)/.exec(await page.getByTestId('open-status').innerText())?.[1]
		);
		expect(base).toBeGreaterThanOrEqual(1);

		// An instance running on the current version before anything is published.
		const runningId = await startOne(hr.context.request, subjectId as string);
		expect((await instance(hr.context.request, runningId)).definition.version).toBe(base);

		// A review task from the palette, with a label and a form of its own.
		await page.dragAndDrop('[data-kind="task"]', '.svelte-flow__pane', {
			targetPosition: { x: 40, y: 40 }
		});
		await expect.poll(() => page.locator('#lw-select-state').inputValue()).toBe('task');
		await page.fill('#lw-node-label', 'Profit per user review');
		await page.getByRole('button', { name: '+ Add a field' }).click();
		await page.locator('[data-testid=form-preview] label').first().waitFor();

		// Wire it between the self review (after tracking) and the manager evaluation.
		await page.selectOption('#lw-new-target', 'managerEvaluation');
		await page.fill('#lw-new-event', 'submit');
		await page.getByRole('button', { name: 'Add', exact: true }).last().click();
		await page.selectOption('#lw-select-state', 'selfReview');
		await page.locator('[data-testid=side-panel] button', { hasText: 'submit' }).click();
		await page.selectOption('#lw-edge-target', 'task');
		// Tidy the graph around the new task (ELK, compound states included).
		await page.getByRole('button', { name: 'Auto layout' }).click();
		await expect
			.poll(() => page.getByRole('button', { name: 'Auto layout' }).isEnabled())
			.toBe(true);
		const problems = page.locator('#lw-problems-title');
		await expect.poll(() => problems.innerText()).toContain('0 errors');
		// Warnings may remain (texts not yet translated) but name the new task only.
		const listed = await page
			.getByTestId('problems')
			.innerText()
			.catch(() => '');
		expect(listed).not.toMatch(/selfReview|managerEvaluation|goalSetting/);

		// Change the lag threshold of the weekly progress check, then undo and redo it.
		await page.selectOption('#lw-select-state', 'tracking.metrics.watching');
		await page.locator('[data-testid=side-panel] li button').first().click();
		const guard = page.locator('#lw-edge-guard');
		const original = await guard.inputValue();
		expect(original).toContain('- 0.1');
		const stricter = original.replace('- 0.1', '- 0.2');
		await guard.fill(stricter);
		await expect.poll(() => page.locator('#lw-edge-guard-status').textContent()).toContain('Valid');
		await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
		await page.keyboard.press('Control+z');
		await page.selectOption('#lw-select-state', 'tracking.metrics.watching');
		await page.locator('[data-testid=side-panel] li button').first().click();
		expect(await guard.inputValue()).toBe(original);
		await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
		await page.keyboard.press('Control+Shift+z');
		await page.selectOption('#lw-select-state', 'tracking.metrics.watching');
		await page.locator('[data-testid=side-panel] li button').first().click();
		expect(await guard.inputValue()).toBe(stricter);
		await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
		await expect.poll(() => page.getByTestId('save-state').innerText()).toBe('All changes saved');
		await screenshot(page, 'designer-remodel');

		// Simulate to the final state, with the clock for the tracking year.
		await page.getByRole('tab', { name: 'Simulation' }).click();
		await page.getByTestId('simulation').getByRole('button', { name: 'Start' }).click();
		expect(await simState(page)).toContain('goalSetting');
		await simSend(page, 'submit');
		expect(await simState(page)).toContain('managerApproval');
		await simSend(page, 'approve');
		expect(await simState(page)).toContain('tracking');
		await page.getByTestId('simulation').scrollIntoViewIfNeeded();
		await screenshot(page, 'designer-simulation', { fullPage: false });
		for (let i = 0; i < 4 && (await simState(page)).includes('tracking'); i++) {
			await page.getByTestId('simulation').getByRole('button', { name: '+90D' }).click();
		}
		expect(await simState(page)).toBe('selfReview');
		for (const [event, next] of [
			['submit', 'task'],
			['submit', 'managerEvaluation'],
			['submit', 'calibration'],
			['submit', 'hrApproval'],
			['approve', 'Finished']
		] as const) {
			await simSend(page, event);
			expect(await simState(page)).toContain(next);
		}
		await screenshot(page, 'designer-simulation-done', { fullPage: false });

		// Publish the next version with a note.
		await page.fill('#lw-publish-note', 'Profit per user review before the evaluation');
		await page.getByRole('button', { name: 'Publish', exact: true }).click();
		await expect
			.poll(() => page.getByTestId('publish-message').innerText())
			.toContain(`Published version ${base + 1}`);
		await expect
			.poll(() => page.getByTestId('open-status').innerText())
			.toContain(`Version ${base + 1}`);

		// A new instance starts on the new version; the running one stays where it was.
		const freshId = await startOne(hr.context.request, subjectId as string);
		expect((await instance(hr.context.request, freshId)).definition.version).toBe(base + 1);
		expect((await instance(hr.context.request, runningId)).definition.version).toBe(base);

		// The diff of the two versions names the new task.
		await page.goto(`/designer/${SLUG}/diff?a=${base}&b=${base + 1}`);
		await hydrated(page);
		await expect.poll(() => page.getByTestId('diff-list').innerText()).toContain('task');
		await screenshot(page, 'designer-diff');
		await page.setViewportSize({ width: 375, height: 740 });
		await screenshot(page, 'designer-diff-mobile');
		await page.setViewportSize({ width: 1280, height: 800 });

		// Migrate the running instance with a plan: dry run, then apply.
		await page.goto(`/designer/${SLUG}/migrate?from=${base}&to=${base + 1}`);
		await hydrated(page);
		const row = page.locator(`[data-testid=dry-run] [data-instance="${runningId}"]`);
		await expect.poll(() => row.innerText()).toContain('goalSetting → goalSetting');
		await page.getByRole('button', { name: /^Migrate now \(\d+\)/ }).click();
		await page.getByTestId('migrate-outcome').waitFor();
		expect(await page.getByTestId('migrate-outcome').innerText()).toMatch(/Moved [1-9]/);
		await screenshot(page, 'designer-migrate');
		expect((await instance(hr.context.request, runningId)).definition.version).toBe(base + 1);

		// Its journal shows the move.
		await hr.page.goto(`/instances/${runningId}`);
		await hydrated(hr.page);
		await expect
			.poll(() => hr.page.locator('ol li').filter({ hasText: 'migration' }).count())
			.toBe(1);
		expect(pageErrors(page)).toEqual([]);
		expect(pageErrors(hr.page)).toEqual([]);
		await context.close();
		await hr.context.close();
	});

	it('renders in Chinese', async () => {
		const { context, page } = await designerPage();
		await page.goto(`/designer/${SLUG}`);
		await hydrated(page);
		const switched = await context.request.post('/locale', {
			form: { locale: 'zh-CN', redirectTo: `/designer/${SLUG}` },
			headers: { origin: baseURL, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(switched.status()).toBeLessThan(400);
		await page.goto(`/designer/${SLUG}`);
		await hydrated(page);
		await page.locator('[data-state="goalSetting"]').waitFor();
		expect(await page.getByRole('tab').first().innerText()).toContain('问题');
		expect(await page.getByTestId('open-status').innerText()).toMatch(/版本 \d+/);
		await screenshot(page, 'designer-zh', { fullPage: false });
		expect(pageErrors(page)).toEqual([]);
		await context.close();
	});

	it('fits a 375 px screen', async () => {
		const { context, page } = await designerPage('mobile');
		await page.goto(`/designer/${SLUG}`);
		await page.locator('[data-state="goalSetting"]').waitFor();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await screenshot(page, 'designer-mobile', { fullPage: false });
		await page.getByRole('tab', { name: 'Simulation' }).click();
		await page.getByTestId('simulation').getByRole('button', { name: 'Start' }).click();
		await page.getByTestId('simulation').scrollIntoViewIfNeeded();
		await screenshot(page, 'designer-simulation-mobile', { fullPage: false });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await context.close();
	});
});
