import { readFile } from 'node:fs/promises';
import { parseDefinition, type Issue } from '../../lib/engine/definition';
import { lintDefinition } from '../../lib/engine/lint';
import { getRegistry } from '../../lib/server/plugins';

async function checkFile(file: string): Promise<Issue[]> {
	let json: unknown;
	try {
		json = JSON.parse(await readFile(file, 'utf8'));
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return [{ severity: 'error', code: 'unreadable', path: '(file)', message }];
	}
	const parsed = parseDefinition(json);
	if (!parsed.ok) return parsed.issues;
	return lintDefinition(parsed.value, await getRegistry());
}

/**
 * `loopwork validate <files…>`: parses and lints each definition, printing
 * `file: path: message (hint)` per problem. Returns 1 if any file has an error, else 0.
 */
export async function runValidate(files: string[]): Promise<number> {
	if (files.length === 0) {
		console.error('usage: loopwork validate <file.workflow.json…>');
		return 2;
	}
	let errors = 0;
	for (const file of files) {
		const issues = await checkFile(file);
		for (const issue of issues) {
			const hint = issue.hint ? ` (${issue.hint})` : '';
			const level = issue.severity === 'warning' ? 'warning: ' : '';
			const line = `${file}: ${issue.path}: ${level}${issue.message}${hint}`;
			if (issue.severity === 'error') {
				errors += 1;
				console.error(line);
			} else console.warn(line);
		}
	}
	if (errors === 0) console.log(`${files.length} file(s) valid`);
	return errors > 0 ? 1 : 0;
}
