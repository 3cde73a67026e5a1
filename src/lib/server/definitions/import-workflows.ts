import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { importDefinition, type ImportResult } from './service';
import { logger } from '../log';

/**
 * Imports every `*.workflow.json` of `dir` as versions keyed by content hash. Files that do not
 * parse or have lint errors are refused and logged; the others are still imported.
 */
export async function importWorkflowDirectory(options: {
	em: EntityManager;
	orgId: string;
	dir: string;
	now: Date;
}): Promise<{ file: string; result: ImportResult }[]> {
	let files: string[];
	try {
		files = (await readdir(options.dir)).filter((f) => f.endsWith('.workflow.json')).sort();
	} catch {
		logger.warn({ dir: options.dir }, 'no workflows directory');
		return [];
	}
	const results: { file: string; result: ImportResult }[] = [];
	for (const file of files) {
		const full = path.join(options.dir, file);
		let content: unknown;
		try {
			content = JSON.parse(await readFile(full, 'utf8'));
		} catch (err) {
			const message = err instanceof Error ? err.message : String(err);
			logger.error({ file }, `workflow refused: invalid JSON: ${message}`);
			results.push({
				file,
				result: {
					ok: false,
					slug: undefined,
					issues: [{ severity: 'error', code: 'json', path: '', message }]
				}
			});
			continue;
		}
		const result = await importDefinition({
			em: options.em,
			orgId: options.orgId,
			content,
			now: options.now,
			note: `imported from ${file}`
		});
		if (result.ok) {
			if (result.isNew)
				logger.info(
					{ file, slug: result.slug, version: result.version },
					'workflow version imported'
				);
		} else {
			for (const issue of result.issues)
				logger.error(
					{ file, path: issue.path, code: issue.code },
					`workflow refused: ${issue.message}`
				);
		}
		results.push({ file, result });
	}
	return results;
}
