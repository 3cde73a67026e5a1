import { connectDatabase } from '../../lib/server/db/connection';
import { ensureDefaultOrganisation } from '../../lib/server/organisation';
import { seedDemoCompany } from '../../lib/server/seed/demo';
import { seedScaleCompany } from '../../lib/server/seed/scale';

function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
}

/**
 * `loopwork seed [--employees N] [--seed S] [--history-days D]`: with `--employees`, a
 * generated organisation of N people (units, managers, goals, 90 days of metrics) for scale
 * tests; without it, the demo company into the default organisation (if it has no people yet).
 */
export async function runSeed(args: string[]): Promise<number> {
	const employeesText = option(args, '--employees');
	const employees = employeesText === undefined ? undefined : Number(employeesText);
	if (employees !== undefined && (!Number.isInteger(employees) || employees < 1)) {
		console.error('loopwork seed: --employees takes a whole number ≥ 1');
		return 2;
	}
	const db = await connectDatabase({ migrate: true });
	try {
		const em = db.orm.em.fork();
		if (employees === undefined) {
			const orgId = await ensureDefaultOrganisation(em);
			const summary = await seedDemoCompany(db.orm.em.fork(), {
				today: new Date().toISOString().slice(0, 10),
				orgId
			});
			console.log(
				summary.seeded
					? `demo company seeded: ${summary.employees} people, ${summary.goals} goals, ${summary.values} values`
					: 'the default organisation has people already; nothing seeded'
			);
			return 0;
		}
		const history = option(args, '--history-days');
		const summary = await seedScaleCompany(em, {
			employees,
			seed: Number(option(args, '--seed') ?? 1),
			...(history ? { historyDays: Number(history) } : {}),
			onProgress: (message) => console.log(message)
		});
		console.log(
			`organisation ${summary.orgId}: ${summary.employees} people, ${summary.units} units, ${summary.goals} goals, ${summary.values} values in ${(summary.ms / 1000).toFixed(1)} s`
		);
		return 0;
	} finally {
		await db.close();
	}
}
