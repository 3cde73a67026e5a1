import { defineConfig } from 'vitest/config';

// Browser specs run against the built server that run.js starts; one file at a time so they
// share one Chromium and one database without racing.
export default defineConfig({
	test: {
		root: new URL('../..', import.meta.url).pathname,
		include: ['test/e2e/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		fileParallelism: false,
		maxWorkers: 1
	}
});
