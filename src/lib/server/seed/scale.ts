/**
 * A generated organisation of N people for scale tests and benchmarks: units, managers,
 * goals and metric history from the domain's `buildScaleCompany`, loaded in batches (unnest
 * for rows, COPY for metric values on PostgreSQL), then every key result measured and rolled up.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { buildScaleCompany } from '../../domain/demo/index';
import { addDays } from '../../domain/dates';
import { transaction } from '../domain/db';
import { upsertMetrics } from '../domain/metrics/definitions';
import { recomputeGoals } from '../domain/progress/key-results';
import { insertSeedGoals, insertSeedValues } from './goals-values';
import { insertEmployees, insertUnits } from './people';

export type ScaleSeedOptions = {
	employees: number;
	seed: number;
	/** Defaults to today (UTC). */
	today?: string;
	orgId?: string;
	/** Days of metric history to keep, ending today (default 90: all the generator makes). */
	historyDays?: number;
	onProgress?: (message: string) => void;
};

export type ScaleSeedSummary = {
	orgId: string;
	units: number;
	employees: number;
	goals: number;
	values: number;
	ms: number;
};

/** Seeds a scale organisation into `orgId` (default: a new organisation). */
export async function seedScaleCompany(
	em: EntityManager,
	options: ScaleSeedOptions
): Promise<ScaleSeedSummary> {
	const started = performance.now();
	const today = options.today ?? new Date().toISOString().slice(0, 10);
	const log = options.onProgress ?? (() => undefined);
	const company = buildScaleCompany({ employees: options.employees, seed: options.seed, today });
	const from = addDays(today, 1 - Math.min(90, options.historyDays ?? 90));
	return transaction(em, async (db) => {
		const orgId =
			options.orgId ??
			(
				await db.query<{ id: string }>(
					`insert into organisation (id, organisation_id, name) select u, u, $1 from gen_random_uuid() u returning id`,
					[`Scale ${options.employees}`]
				)
			)[0]?.id;
		if (!orgId) throw new Error('could not create the organisation');
		await insertUnits(db, orgId, company.units);
		await insertEmployees(db, orgId, company.employees, company.units);
		log(`${company.units.length} units, ${company.employees.length} people`);
		const metrics = await upsertMetrics(db, orgId, company.metrics);
		const metricIds = new Map(metrics.map((m) => [m.key, m.id]));
		const bound = await insertSeedGoals(db, orgId, company.goals, metricIds);
		log(`${company.goals.length} goals`);
		const unitRefs = new Set(company.units.map((u) => u.id));
		let values = 0;
		for (const chunk of company.metricValues({ chunkSize: 200_000 })) {
			const kept = options.historyDays ? chunk.filter((v) => v.date >= from) : chunk;
			values += await insertSeedValues(db, orgId, kept, metricIds, unitRefs);
		}
		log(`${values} metric values`);
		await db.query('analyze metric_value');
		await db.query('analyze goal');
		await recomputeGoals(db, orgId, bound, today);
		return {
			orgId,
			units: company.units.length,
			employees: company.employees.length,
			goals: company.goals.length,
			values,
			ms: performance.now() - started
		};
	});
}
