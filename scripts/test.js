#!/usr/bin/env node
// `npm test`: every test the project has. Unit and integration tests (Vitest) run on the database
// the environment selects (DATABASE_URL → PostgreSQL, otherwise embedded PGlite); then the app is
// built and the browser tests drive it in Chromium. Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const db = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
console.log(`Running tests against ${db}`);

const totals = { passed: 0, failed: 0 };

function run(command, args, env = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return result.status ?? 1;
}

function readCounts(file) {
	if (!existsSync(file)) return undefined;
	const report = JSON.parse(readFileSync(file, 'utf8'));
	const failedTests = report.numFailedTests ?? report.failed ?? 0;
	// A file that fails to load has no failed test of its own; count it once.
	const failedFiles = report.numFailedTestSuites ?? 0;
	return {
		passed: report.numPassedTests ?? report.passed ?? 0,
		failed: failedTests > 0 ? failedTests : failedFiles
	};
}

function suite(name, file, command, args, env) {
	rmSync(file, { force: true });
	const status = run(command, args, env);
	const counts = readCounts(file);
	if (!counts) {
		console.error(`${name}: no report was written (exit ${status})`);
		totals.failed += 1;
		return;
	}
	if (status !== 0 && counts.failed === 0) counts.failed = 1;
	totals.passed += counts.passed;
	totals.failed += counts.failed;
	console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed`);
}

suite('unit + integration', 'test-results/vitest.json', 'npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	'--outputFile.json=test-results/vitest.json'
]);

if (run('npm', ['run', 'build', '--silent']) !== 0) {
	console.error('build failed');
	totals.failed += 1;
} else {
	suite('browser (Chromium)', 'test-results/e2e.json', 'node', ['test/e2e/run.js'], {
		E2E_REPORT: 'test-results/e2e.json'
	});
}

console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
