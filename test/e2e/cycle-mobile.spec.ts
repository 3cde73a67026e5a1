import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, hydrated, newPage, pageErrors, screenshot } from './browser';
import {
	advanceClock,
	employeeId,
	expectMobileFriendly,
	openTask,
	pageAs,
	signInWithForm,
	startCycle,
	waitForNotification
} from './cycle-helpers';

/** The employee's part of the cycle on a 375 px phone: Wang Wu, whose manager is Zhang San. */
let employee: { context: BrowserContext; page: Page };
let manager: { context: BrowserContext; page: Page };
let hr: { context: BrowserContext; page: Page };
let instanceId = '';

beforeAll(async () => {
	hr = await pageAs('he');
	manager = await pageAs('zhang');
	employee = await newPage({ viewport: 'mobile', as: false });
	instanceId = await startCycle(hr.page, await employeeId(hr.page, 'Wang Wu'));
});
afterAll(async () => {
	for (const side of [employee, manager, hr]) await side?.context.close();
	await closeBrowser();
});

describe.sequential('the employee part of the cycle at 375 px', () => {
	it('signs in, finds the task in the inbox and submits goals', async () => {
		const { page } = employee;
		await signInWithForm(page, 'wang');
		await page.goto('/inbox');
		await hydrated(page);
		await expectMobileFriendly(page);
		await screenshot(page, 'mobile-01-inbox');
		await openTask(page, 'Set your goals for FY2025', { instanceId });
		await expectMobileFriendly(page);
		await page.getByRole('button', { name: 'Submit' }).click();
		await page.getByText('Please correct the highlighted fields').waitFor();
		await screenshot(page, 'mobile-02-goal-form-errors');
		await page.fill('#field-goals-0-title', 'Visit 40 key accounts a month');
		await page.fill('#field-goals-0-weight', '100');
		await page.getByRole('button', { name: 'Add a key result' }).first().click();
		await page.fill('#field-goals-0-keyResults-0-title', 'Key-account visits');
		await page.fill('#field-goals-0-keyResults-0-target', '40');
		await expectMobileFriendly(page);
		await screenshot(page, 'mobile-03-goal-form-filled');
		await Promise.all([
			page.waitForURL('**?completed=1'),
			page.getByRole('button', { name: 'Submit' }).click()
		]);
		expect(pageErrors(page)).toEqual([]);
	});

	it('sees the returned comments beside the fields, revises and resubmits', async () => {
		const reviewer = manager.page;
		await openTask(reviewer, "Approve Wang Wu's goals", { instanceId });
		await reviewer.fill(
			'textarea[name="fieldComment.goals.0"]',
			'Time the visits with the brand campaign'
		);
		await reviewer.fill('#field-comment', 'Link this to marketing’s brand exposure goal');
		await Promise.all([
			reviewer.waitForURL('**?completed=1'),
			reviewer.getByRole('button', { name: 'Return for revision' }).click()
		]);

		const { page } = employee;
		await waitForNotification(page, 'Your goals were returned');
		await expectMobileFriendly(page);
		await screenshot(page, 'mobile-04-notifications');
		await openTask(page, 'Set your goals for FY2025', { instanceId });
		expect(await page.getByTestId('field-comment').first().textContent()).toContain(
			'brand campaign'
		);
		await expectMobileFriendly(page);
		await screenshot(page, 'mobile-05-goal-revision');
		await page.fill('#field-goals-0-title', 'Visit 40 key accounts a month, timed with campaigns');
		await Promise.all([
			page.waitForURL('**?completed=1'),
			page.getByRole('button', { name: 'Submit' }).click()
		]);
		await screenshot(page, 'mobile-06-goal-resubmitted');

		await openTask(reviewer, "Approve Wang Wu's goals", { instanceId });
		await Promise.all([
			reviewer.waitForURL('**?completed=1'),
			reviewer.getByRole('button', { name: 'Approve' }).click()
		]);
	});

	it('replies to the manager’s feedback', async () => {
		const writer = manager.page;
		await writer.goto(`/feedback/${instanceId}`);
		await hydrated(writer);
		await writer.fill(
			'[data-testid=feedback-new] textarea[name=body]',
			'Look at marketing’s brand exposure goal before planning visits'
		);
		await writer.getByRole('button', { name: 'Send feedback' }).click();
		await writer.getByText('before planning visits').first().waitFor();

		const { page } = employee;
		await page.goto(`/feedback/${instanceId}`);
		await hydrated(page);
		const thread = page.getByTestId('feedback-thread').filter({ hasText: 'brand exposure goal' });
		await thread
			.locator('textarea[name=body]')
			.fill('Done: my visits now follow the campaign calendar');
		await thread.getByRole('button', { name: 'Reply' }).click();
		await page.getByText('my visits now follow the campaign calendar').waitFor();
		await expectMobileFriendly(page);
		await screenshot(page, 'mobile-07-feedback');
	});

	it('writes the self review', async () => {
		await advanceClock(hr.page, 'P280D');
		const { page } = employee;
		await openTask(page, 'Write your self review', { instanceId });
		await page.fill('#field-summary', 'Rose from 70% to 95% after aligning with marketing.');
		await page.locator('label:has(input[name=rating][value="4"])').click();
		await expectMobileFriendly(page);
		await screenshot(page, 'mobile-08-self-review');
		await Promise.all([
			page.waitForURL('**?completed=1'),
			page.getByRole('button', { name: 'Submit' }).click()
		]);
		await expectMobileFriendly(page);
		await screenshot(page, 'mobile-09-self-review-done');
	});
});
