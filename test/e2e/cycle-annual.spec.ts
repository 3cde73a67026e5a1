import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, closeBrowser, hydrated, pageErrors, screenshot } from './browser';
import {
	advanceClock,
	employeeId,
	openTask,
	pageAs,
	signInWithForm,
	startCycle,
	waitForNotification
} from './cycle-helpers';
import { newPage } from './browser';

/**
 * One annual cycle of the demo company, lived through the browser: Zhang San sets goals, his
 * manager Sun Li returns and then approves them, time passes, feedback, reviews, and He Min
 * of HR approves the outcome. The phases share state and run in order.
 */
let employee: { context: BrowserContext; page: Page };
let manager: { context: BrowserContext; page: Page };
let hr: { context: BrowserContext; page: Page };
let instanceId = '';

beforeAll(async () => {
	hr = await pageAs('he');
	manager = await pageAs('sun');
	employee = await newPage({ as: false });
	const zhangId = await employeeId(hr.page, 'Zhang San');
	instanceId = await startCycle(hr.page, zhangId);
});
afterAll(async () => {
	for (const side of [employee, manager, hr]) await side?.context.close();
	await closeBrowser();
});

describe.sequential('the annual cycle of Zhang San', () => {
	it('the employee signs in and submits goals; bad input gets field errors and changes nothing', async () => {
		const { page } = employee;
		await signInWithForm(page, 'zhang');
		const taskId = await openTask(page, 'Set your goals for FY2025', {
			shot: 'cycle-01-inbox-employee',
			instanceId
		});
		expect(
			Number(await page.getByTestId('nav-count-inbox').first().textContent())
		).toBeGreaterThanOrEqual(1);
		await screenshot(page, 'cycle-02-goal-form-empty');

		// In the browser: an empty goal is refused beside its fields before anything is sent.
		await page.getByRole('button', { name: 'Submit' }).click();
		await page.getByText('Please correct the highlighted fields').waitFor();
		expect(
			await page.locator('[data-field="field-goals-0-title"] [role=alert]').textContent()
		).toContain('Required');
		await screenshot(page, 'cycle-03-goal-form-errors');

		// On the server: a post with missing and wrong fields gets errors by path, nothing is written.
		const posted = await page.request.post(`/tasks/${taskId}?/complete`, {
			form: { outcome: 'submit', 'goals.0.title': 'ab', 'goals.0.weight': 'lots' },
			headers: { origin: baseURL, accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		const body = (await posted.json()) as { type: string; status: number; data: string };
		expect(body.type).toBe('failure');
		expect(body.status).toBe(400);
		expect(body.data).toContain('goals.0.title');
		expect(body.data).toContain('minLength');
		await page.reload();
		await hydrated(page);
		expect(await page.getByTestId('already-completed').count()).toBe(0);

		await page.fill('#field-goals-0-title', 'Reach 10M sales a month');
		const department = page.locator('#field-goals-0-departmentGoalId');
		if ((await department.locator('option').count()) > 1)
			await department.selectOption({ index: 1 });
		await page.fill('#field-goals-0-weight', '100');
		await page.getByRole('button', { name: 'Add a key result' }).first().click();
		await page.fill('#field-goals-0-keyResults-0-title', 'Monthly sales');
		await page.fill('#field-goals-0-keyResults-0-baseline', '6000000');
		await page.fill('#field-goals-0-keyResults-0-target', '10000000');
		await page.fill('#field-goals-0-keyResults-0-weight', '100');
		await screenshot(page, 'cycle-04-goal-form-filled');
		await Promise.all([
			page.waitForURL('**?completed=1'),
			page.getByRole('button', { name: 'Submit' }).click()
		]);
		await page.getByTestId('task-done').waitFor();
		await screenshot(page, 'cycle-05-goal-submitted');
		expect(pageErrors(page)).toEqual([]);
	});

	it('the manager returns the goals with a comment', async () => {
		const { page } = manager;
		await openTask(page, "Approve Zhang San's goals", {
			shot: 'cycle-06-inbox-manager',
			instanceId
		});
		await page.getByTestId('review').waitFor();
		expect(await page.getByTestId('review').textContent()).toContain('Reach 10M sales a month');
		await page.getByRole('button', { name: 'Return for revision' }).click();
		await page.getByText('A comment is required to return this').waitFor();
		await page.fill(
			'textarea[name="fieldComment.goals.0"]',
			'Add the customer visits as a key result'
		);
		await page.fill('#field-comment', 'Good start: make it measurable week by week');
		await screenshot(page, 'cycle-07-approval-return');
		await Promise.all([
			page.waitForURL('**?completed=1'),
			page.getByRole('button', { name: 'Return for revision' }).click()
		]);
	});

	it('the employee sees the comments beside the fields, revises and resubmits', async () => {
		const { page } = employee;
		await waitForNotification(page, 'Your goals were returned');
		await screenshot(page, 'cycle-08-notifications-employee');
		await openTask(page, 'Set your goals for FY2025', { instanceId });
		await page.getByTestId('returned').waitFor();
		expect(await page.getByTestId('returned').textContent()).toContain('make it measurable');
		expect(await page.getByTestId('field-comment').first().textContent()).toContain(
			'customer visits'
		);
		expect(await page.inputValue('#field-goals-0-title')).toBe('Reach 10M sales a month');
		await page.getByRole('button', { name: 'Add a key result' }).first().click();
		await page.fill('#field-goals-0-keyResults-1-title', 'Customer visits a week');
		await page.fill('#field-goals-0-keyResults-1-target', '10');
		await screenshot(page, 'cycle-09-goal-revision');
		await Promise.all([
			page.waitForURL('**?completed=1'),
			page.getByRole('button', { name: 'Submit' }).click()
		]);
	});

	it('the manager approves; a second tab gets "already completed"', async () => {
		const { page, context } = manager;
		const taskId = await openTask(page, "Approve Zhang San's goals", { instanceId });
		const second = await context.newPage();
		await second.goto(`/tasks/${taskId}`);
		await hydrated(second);
		await Promise.all([
			page.waitForURL('**?completed=1'),
			page.getByRole('button', { name: 'Approve' }).click()
		]);
		await second.getByRole('button', { name: 'Approve' }).click();
		await second.getByTestId('already-completed').waitFor();
		expect(await second.getByTestId('already-completed').textContent()).toContain(
			'already completed by Sun Li'
		);
		await screenshot(second, 'cycle-10-already-completed');
		await second.close();
	});

	it('metric values arrive through the API and the progress shows', async () => {
		const admin = await pageAs('gao');
		const today = (
			(await (await hr.page.request.get('/api/test/clock')).json()) as { now: string }
		).now.slice(0, 10);
		const response = await admin.page.request.post('/api/metrics/values', {
			data: {
				values: [
					{
						metric: 'sales_amount',
						person: 'zhang.san@qihang.example',
						date: today,
						value: 6_000_000,
						sourceId: 'e2e-week-3'
					}
				]
			},
			headers: { origin: baseURL }
		});
		expect(response.status(), await response.text()).toBe(200);
		await admin.context.close();
		// The progress is on the manager's check-in: the numbers of that moment.
		const { page } = manager;
		await page.goto(`/feedback/${instanceId}`);
		await hydrated(page);
		await page.fill('[data-testid=feedback-new] textarea[name=body]', 'Week 3 check-in: 6M of 10M');
		await page.check('[data-testid=feedback-new] input[name=withCheckIn]');
		await page.getByRole('button', { name: 'Send feedback' }).click();
		await page.getByTestId('check-in').first().waitFor();
		expect(await page.getByTestId('check-in').first().textContent()).toMatch(
			/Overall progress \d+%/
		);
		await screenshot(page, 'cycle-11-progress-check-in');
	});

	it('three weeks later the manager gets the lag reminder', async () => {
		await advanceClock(hr.page, 'P21D');
		await waitForNotification(manager.page, 'Zhang San is behind');
		await screenshot(manager.page, 'cycle-11b-lag-reminder');
	});

	it('the manager writes feedback with a check-in and the employee replies', async () => {
		const { page } = manager;
		await page.goto(`/feedback/${instanceId}`);
		await hydrated(page);
		await page.fill(
			'[data-testid=feedback-new] textarea[name=body]',
			'Visit more customers: marketing hands you 100 leads'
		);
		await page.check('[data-testid=feedback-new] input[name=withCheckIn]');
		await page.getByRole('button', { name: 'Send feedback' }).click();
		await page.getByText('marketing hands you 100 leads').waitFor();
		await screenshot(page, 'cycle-12-feedback-manager');

		const own = employee.page;
		await waitForNotification(own, 'wrote feedback for you');
		await own.goto(`/feedback/${instanceId}`);
		await hydrated(own);
		expect(await own.getByTestId('feedback-new').count()).toBe(0);
		const thread = own.getByTestId('feedback-thread').filter({ hasText: 'Visit more customers' });
		await thread.locator('textarea[name=body]').fill("Next week's visit plan is ready");
		await thread.getByRole('button', { name: 'Reply' }).click();
		await own.getByText("Next week's visit plan is ready").waitFor();
		await screenshot(own, 'cycle-13-feedback-reply');
	});

	it('the month-end value shows the recovery to 11M', async () => {
		const admin = await pageAs('gao');
		const today = (
			(await (await hr.page.request.get('/api/test/clock')).json()) as { now: string }
		).now.slice(0, 10);
		const response = await admin.page.request.post('/api/metrics/values', {
			data: {
				values: [
					{
						metric: 'sales_amount',
						person: 'zhang.san@qihang.example',
						date: today,
						value: 11_000_000,
						sourceId: 'e2e-month-end'
					}
				]
			},
			headers: { origin: baseURL }
		});
		expect(response.status(), await response.text()).toBe(200);
		await admin.context.close();
	});

	it('the employee writes the self review when tracking ends', async () => {
		await advanceClock(hr.page, 'P250D');
		const { page } = employee;
		await openTask(page, 'Write your self review', { instanceId });
		await page.fill(
			'#field-summary',
			'Recovered from 6M to 11M in March; 100 leads converted well.'
		);
		await page.locator('label:has(input[name=rating][value="5"])').click();
		await page.fill('#field-growth', 'Key account planning');
		await screenshot(page, 'cycle-14-self-review');
		await Promise.all([
			page.waitForURL('**?completed=1'),
			page.getByRole('button', { name: 'Submit' }).click()
		]);
	});

	it('the manager evaluation shows the computed grade', async () => {
		const { page } = manager;
		await openTask(page, 'Evaluate Zhang San', { instanceId });
		await page.getByTestId('computed-grade').waitFor();
		await screenshot(page, 'cycle-15-evaluation');
		// The story grades Zhang San Excellent, with a raise range that holds +10% and a promotion.
		const grade = page.getByTestId('computed-grade');
		expect(await grade.textContent()).toMatch(/Excellent/);
		expect(await grade.textContent()).toMatch(/promotion/i);
		// And it shows how: one row per weighted item of the sales scheme.
		const rows = page.getByTestId('grade-breakdown').locator('tbody tr');
		expect(await rows.count()).toBe(3);
		expect(await rows.first().textContent()).toMatch(/Sales amount[\s\S]*70%/);
		await page.locator('label:has(input[name=rating][value="5"])').click();
		await page.fill('#field-comment', 'Outstanding recovery in the second quarter.');
		await Promise.all([
			page.waitForURL('**?completed=1'),
			page.getByRole('button', { name: 'Submit' }).click()
		]);
	});

	it('hr calibrates and approves the outcome: a 10% raise and a promotion', async () => {
		const { page } = hr;
		await openTask(page, 'Calibrate the rating of Zhang San', {
			shot: 'cycle-16-inbox-hr',
			instanceId
		});
		await page.locator('label:has(input[name=rating][value="5"])').click();
		await Promise.all([
			page.waitForURL('**?completed=1'),
			page.getByRole('button', { name: 'Submit' }).click()
		]);
		await openTask(page, "Approve Zhang San's outcome", { instanceId });
		await page.fill('#field-raisePercent', '10');
		await page.fill('#field-promotionTo', 'Sales Supervisor');
		await screenshot(page, 'cycle-17-outcome-approval');
		await Promise.all([
			page.waitForURL('**?completed=1'),
			page.getByRole('button', { name: 'Approve' }).click()
		]);
	});

	it('the instance is done and its journal shows every step', async () => {
		const response = await hr.page.request.get(`/api/instances/${instanceId}`);
		const view = (await response.json()) as { status: string; journal: { eventType: string }[] };
		expect(view.status).toBe('done');
		// The approved outcome: the 10% raise and the promotion HR entered.
		const outcome = JSON.stringify(view);
		expect(outcome).toMatch(/"raisePercent":\s*10\b/);
		expect(outcome).toContain('Sales Supervisor');
		const events = view.journal.map((j) => j.eventType);
		expect(events.filter((e) => !e.startsWith('xstate.after'))).toEqual([
			'xstate.init',
			'submit',
			'return',
			'submit',
			'approve',
			'submit',
			'submit',
			'submit',
			'approve'
		]);
		expect(events.some((e) => e.startsWith('xstate.after.P270D'))).toBe(true);
		await hr.page.goto(`/instances/${instanceId}`);
		await hydrated(hr.page);
		await screenshot(hr.page, 'cycle-18-instance-journal');
	});
});
