#!/usr/bin/env node
// `npm run test:e2e`: starts the built app on a free port with a fresh embedded database (or the
// DATABASE_URL the environment gives), waits for /healthz, runs test/e2e/*.spec.ts in Chromium
// through Vitest, stops the app and prints "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
process.chdir(root);
const report = process.env.E2E_REPORT ?? 'test-results/e2e.json';
mkdirSync(dirname(report), { recursive: true });

if (!existsSync('build/index.js')) {
	console.log('e2e: build/ is missing, building');
	if (spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' }).status !== 0) {
		console.log('0 passed, 1 failed');
		process.exit(1);
	}
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'loopwork-e2e-'));
const serverLog = join('test-results', 'e2e-server.log');
/** @type {Buffer[]} */
const logChunks = [];

const server = spawn(process.execPath, ['build/index.js'], {
	env: {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		// The test clock endpoint (/api/test/clock) answers only in test mode.
		LOOPWORK_TEST_MODE: process.env.LOOPWORK_TEST_MODE ?? '1',
		// The monitoring scrape token the browser tests use on /metrics.
		LOOPWORK_METRICS_TOKEN: process.env.LOOPWORK_METRICS_TOKEN ?? 'e2e-scrape-token-0123456789',
		...(dataDir ? { LOOPWORK_DATA_DIR: dataDir } : {})
	},
	stdio: ['ignore', 'pipe', 'pipe']
});
server.stdout.on('data', (chunk) => logChunks.push(chunk));
server.stderr.on('data', (chunk) => logChunks.push(chunk));
let serverExited = false;
server.once('exit', () => (serverExited = true));

async function stopServer() {
	if (!serverExited) {
		const exited = new Promise((resolve) => server.once('exit', resolve));
		server.kill('SIGTERM');
		const timeout = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
		await Promise.race([exited, timeout]);
		if (!serverExited) server.kill('SIGKILL');
	}
	writeFileSync(serverLog, Buffer.concat(logChunks));
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

/** @param {number} deadlineMs */
async function waitForHealth(deadlineMs) {
	const deadline = Date.now() + deadlineMs;
	while (Date.now() < deadline) {
		if (serverExited) return false;
		try {
			const response = await fetch(`${origin}/healthz`);
			if (response.ok) return true;
			// Until a build has the health route, a served home page means the app is up.
			if (response.status === 404 && (await fetch(`${origin}/`)).ok) return true;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return false;
}

let failed = 0;
let passed = 0;
if (!(await waitForHealth(120_000))) {
	console.error(`e2e: the app did not become healthy on ${origin}; its log:`);
	console.error(Buffer.concat(logChunks).toString().slice(-4000));
	failed = 1;
} else {
	rmSync(report, { force: true });
	const result = spawnSync(
		'npx',
		[
			'vitest',
			'run',
			'--config',
			'test/e2e/vitest.config.ts',
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${report}`,
			...process.argv.slice(2)
		],
		{ stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: origin } }
	);
	if (existsSync(report)) {
		const counts = JSON.parse(readFileSync(report, 'utf8'));
		passed = counts.numPassedTests ?? 0;
		failed = counts.numFailedTests ?? 0;
		// A spec file that fails to load has no failed tests of its own: count it once.
		if (failed === 0 && (counts.numFailedTestSuites ?? 0) > 0) failed = 1;
	}
	if (result.status !== 0 && failed === 0) failed = 1;
}

await stopServer();
console.log(`e2e: server log in ${serverLog}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
