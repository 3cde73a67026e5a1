import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { baseURL, hydrated, newPage, screenshot } from './browser';

/** The people of the journey (demo accounts, published demo-only passwords). */
export const people = {
	zhang: {
		email: 'zhang.san@qihang.example',
		password: 'loopwork-demo-manager',
		name: 'Zhang San'
	},
	sun: { email: 'sun.li@qihang.example', password: 'loopwork-demo-manager', name: 'Sun Li' },
	wang: { email: 'wang.wu@qihang.example', password: 'loopwork-demo-employee', name: 'Wang Wu' },
	he: { email: 'he.min@qihang.example', password: 'loopwork-demo-hr', name: 'He Min' },
	gao: { email: 'gao.yuan@qihang.example', password: 'loopwork-demo-admin', name: 'Gao Yuan' }
} as const;
export type Person = keyof typeof people;

/** Signs in through the sign-in form, as a person would. */
export async function signInWithForm(page: Page, who: Person): Promise<void> {
	await page.goto('/login');
	await hydrated(page);
	await page.fill('input[name=email]', people[who].email);
	await page.fill('input[name=password]', people[who].password);
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith('/login')),
		page.press('input[name=password]', 'Enter')
	]);
}

/** Signs a context in with the form post (no page needed). */
export async function signInRequest(context: BrowserContext, who: Person): Promise<void> {
	const response = await context.request.post('/login', {
		form: { email: people[who].email, password: people[who].password, next: '/' },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `sign-in as ${who}`).toBe(303);
}

export async function pageAs(who: Person, viewport: 'desktop' | 'mobile' = 'desktop') {
	const opened = await newPage({ viewport, as: false });
	await signInRequest(opened.context, who);
	return opened;
}

/** The demo employee's id, from the links of the goal views. */
export async function employeeId(page: Page, name: string): Promise<string> {
	const html = await (await page.request.get('/goals')).text();
	const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const match = new RegExp(`/people/([0-9a-f-]{36})[^>]*>\\s*${escaped}`).exec(html);
	if (!match?.[1]) throw new Error(`no link to ${name} on /goals`);
	return match[1];
}

export async function startCycle(hr: Page, subjectId: string): Promise<string> {
	const response = await hr.request.post('/api/instances', {
		data: { definition: 'annual-performance-cycle', subjectId },
		headers: { origin: baseURL }
	});
	expect(response.status(), await response.text()).toBe(201);
	return ((await response.json()) as { instanceId: string }).instanceId;
}

export async function advanceClock(page: Page, advance: string): Promise<void> {
	const response = await page.request.post('/api/test/clock', {
		data: { advance },
		headers: { origin: baseURL }
	});
	expect(response.status(), await response.text()).toBe(200);
}

/** Opens the inbox and the task whose title contains `title`. */
export async function openTask(
	page: Page,
	title: string,
	options: { shot?: string; instanceId?: string } = {}
): Promise<string> {
	const { shot, instanceId } = options;
	await page.goto('/inbox');
	await hydrated(page);
	if (shot) await screenshot(page, shot);
	const items = instanceId
		? page.locator(`[data-testid=inbox-item][data-instance="${instanceId}"]`)
		: page.getByTestId('inbox-item');
	const item = items.filter({ hasText: title }).first();
	await Promise.all([page.waitForURL('**/tasks/**'), item.click()]);
	await hydrated(page);
	return new URL(page.url()).pathname.split('/').pop() ?? '';
}

/** Polls the notifications page (the outbox worker delivers within a second or two). */
export async function waitForNotification(page: Page, text: string): Promise<void> {
	for (let i = 0; i < 20; i++) {
		await page.goto('/notifications');
		if ((await page.getByTestId('notification').filter({ hasText: text }).count()) > 0) return;
		await page.waitForTimeout(500);
	}
	throw new Error(`no notification "${text}"`);
}

/** No horizontal scrolling, and every button/link in the main area is a 44 px touch target. */
export async function expectMobileFriendly(page: Page): Promise<void> {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - window.innerWidth
	);
	expect(overflow, 'horizontal scroll').toBeLessThanOrEqual(0);
	const small = await page.evaluate(() =>
		[
			...document.querySelectorAll<HTMLElement>(
				'main a, main button, main select, main input:not([type=hidden]), main textarea'
			)
		]
			.filter((el) => el.offsetParent !== null && !el.classList.contains('sr-only'))
			.map((el) => ({ el, box: el.getBoundingClientRect() }))
			.filter(({ el, box }) => {
				const input = el as HTMLInputElement;
				const isBox = input.type === 'checkbox' || input.type === 'radio';
				// A checkbox's target is its label row.
				const target = isBox ? (el.closest('label')?.getBoundingClientRect() ?? box) : box;
				return target.height < 43.5;
			})
			.map(
				({ el }) =>
					`${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('name') ?? '').trim().slice(0, 40)}"`
			)
	);
	expect(small, 'touch targets under 44 px').toEqual([]);
}
