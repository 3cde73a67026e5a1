import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { connectDatabase } from '../../lib/server/db/connection';
import { ensureDefaultOrganisation } from '../../lib/server/organisation';
import { ingestMetricValues } from '../../lib/server/domain/ingest/index';
import { parseMetricsFile } from '../../lib/server/domain/ingest/parse';
import { isAppError } from '../../lib/server/runtime/errors';

/**
 * `loopwork import metrics <file.csv|file.xlsx> [--partial] [--org <id>]`: columns metric,
 * person (id or e-mail) or unit, date, value, source_id. Bad rows are listed by line and
 * reason; nothing is stored unless `--partial`. Re-importing a file changes nothing.
 */
export async function runImportMetrics(args: string[]): Promise<number> {
	const rest = args[0] === 'metrics' ? args.slice(1) : args;
	const file = rest.find((arg, i) => !arg.startsWith('--') && rest[i - 1] !== '--org');
	if (!file) {
		console.error('Usage: loopwork import metrics <file.csv|file.xlsx> [--partial]');
		return 2;
	}
	const partial = rest.includes('--partial');
	const orgIndex = rest.indexOf('--org');
	const db = await connectDatabase({ migrate: true });
	try {
		const orgId =
			orgIndex >= 0
				? (rest[orgIndex + 1] ?? '')
				: await ensureDefaultOrganisation(db.orm.em.fork());
		const values = await parseMetricsFile(
			path.basename(file),
			new Uint8Array(await readFile(file))
		);
		const report = await ingestMetricValues(db.orm.em.fork(), orgId, values, {
			partial,
			source: 'file',
			now: new Date()
		});
		for (const row of report.rejected)
			console.error(`${file}:${row.line}: ${row.reason}: ${row.message}`);
		if (!report.ok) {
			console.error(
				`${report.rejected.length} bad row(s) of ${report.received}; nothing stored (use --partial to store the good rows)`
			);
			return 1;
		}
		console.log(
			`${report.received} row(s): ${report.inserted} new, ${report.updated} corrected, ${report.unchanged} unchanged, ${report.rejected.length} rejected; ${report.goalsChanged} goal(s) re-computed`
		);
		return 0;
	} catch (err) {
		if (isAppError(err)) {
			console.error(`${file}: ${err.message}`);
			return 1;
		}
		throw err;
	} finally {
		await db.close();
	}
}
