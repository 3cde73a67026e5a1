import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where run.js started the app. */
export const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:4173';

export const viewports = {
	desktop: { width: 1280, height: 800 },
	mobile: { width: 375, height: 740 }
} as const;

let browser: Browser | undefined;

/** Debian's Chromium: no browser download is possible on these machines. */
export async function launch(): Promise<Browser> {
	browser ??= await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
	return browser;
}

export async function closeBrowser(): Promise<void> {
	await browser?.close();
	browser = undefined;
}

export async function newPage(
	options: {
		viewport?: keyof typeof viewports;
		locale?: string;
		/** Sign in as this demo account first (default hr); `false` stays anonymous. */
		as?: keyof typeof demoAccounts | false;
	} = {}
): Promise<{ context: BrowserContext; page: Page }> {
	const b = await launch();
	const context = await b.newContext({
		baseURL,
		viewport: viewports[options.viewport ?? 'desktop'],
		locale: options.locale ?? 'en-GB',
		timezoneId: 'Europe/Berlin'
	});
	if (options.as !== false) await signIn(context, options.as ?? 'hr');
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (err) => errors.push(err.message));
	page.on('console', (msg) => {
		// Svelte reports a failed hydration as a warning, then re-renders: the page looks fine but
		// the server's HTML was invalid (e.g. a heading inside a heading). Count it as an error.
		if (msg.type() === 'error' || /hydrat/i.test(msg.text())) errors.push(msg.text());
	});
	(page as Page & { errors: string[] }).errors = errors;
	return { context, page };
}

/** Errors thrown or logged in the page: a CSP violation or a hydration failure shows up here. */
export function pageErrors(page: Page): string[] {
	return (page as Page & { errors?: string[] }).errors ?? [];
}

export async function screenshot(
	page: Page,
	name: string,
	{ fullPage = true }: { fullPage?: boolean } = {}
): Promise<void> {
	mkdirSync('screenshots', { recursive: true });
	await page.screenshot({ path: `screenshots/${name}.png`, fullPage });
}

/** Waits until Svelte has hydrated, so clicks reach their handlers. */
export async function hydrated(page: Page): Promise<void> {
	await page.waitForFunction(() => document.body.dataset.hydrated === 'true', null, {
		timeout: 15_000
	});
}

/** Demo accounts (published demo-only passwords `loopwork-demo-<role>`). */
export const demoAccounts = {
	hr: { email: 'he.min@qihang.example', password: 'loopwork-demo-hr' }
} as const;

/** Signs the context in through the real sign-in form post, as a browser without JS would. */
export async function signIn(
	context: BrowserContext,
	account: keyof typeof demoAccounts = 'hr'
): Promise<void> {
	const { email, password } = demoAccounts[account];
	const response = await context.request.post('/login', {
		form: { email, password, next: '/' },
		// text/html: SvelteKit answers a form post as a browser navigation (303), not as JSON
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	if (response.status() !== 303) {
		throw new Error(`sign-in as ${email} failed: HTTP ${response.status()}`);
	}
}
