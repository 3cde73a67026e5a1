/**
 * Loads the demo company (启航科技) into an organisation: units, ~60 people with managers, the
 * goal cascades of the scenarios, 90 days of metric values that replay the stories, the
 * growth → profit scheme swap, live evaluations and one demo account per role. Runs in the
 * caller's transaction when there is one (first start), and does nothing when the
 * organisation has people already.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { buildDemoCompany } from '../../domain/demo/index';
import type { WeightingScheme } from '../../domain/weighting';
import { ensureDemoAccounts } from '../auth/demo-accounts';
import { transaction, type Db } from '../domain/db';
import { upsertMetrics } from '../domain/metrics/definitions';
import { recomputeGoals } from '../domain/progress/key-results';
import { openEvaluationsIn, swapSchemeIn } from '../domain/scoring/evaluations';
import { insertScheme } from '../domain/scoring/schemes';
import { refId } from './ids';
import { insertEmployees, insertUnits } from './people';
import { insertSeedGoals, insertSeedValues } from './goals-values';
import { RETENTION_GOAL_REFS, seedStrategyChange, strategyChangeDate } from './strategy';

/** Demo-only passwords (documented in the README as such): `loopwork-demo-<role>`. */
export const demoPassword = (role: string): string => `loopwork-demo-${role}`;

export type SeedSummary = {
	seeded: boolean;
	units: number;
	employees: number;
	goals: number;
	values: number;
	evaluations: number;
	goalChanges: number;
};

async function firstOrganisation(db: Db): Promise<string> {
	const rows = await db.query<{ id: string }>(
		'select id from organisation order by created_at limit 1'
	);
	const id = rows[0]?.id;
	if (!id) throw new Error('seedDemoCompany: no organisation exists yet');
	return id;
}

function mapScope(orgId: string, scheme: WeightingScheme): WeightingScheme['scope'] {
	const { orgUnitId, ...rest } = scheme.scope;
	return orgUnitId ? { ...rest, orgUnitId: refId(orgId, orgUnitId) } : rest;
}

/** Seeds the demo company as of `today` (YYYY-MM-DD) into `orgId` (default: the first organisation). */
export async function seedDemoCompany(
	em: EntityManager,
	options: { today: string; orgId?: string }
): Promise<SeedSummary> {
	return transaction(em, async (db) => {
		const orgId = options.orgId ?? (await firstOrganisation(db));
		const existing = await db.query('select 1 from employee where organisation_id = $1 limit 1', [
			orgId
		]);
		if (existing.length > 0)
			return {
				seeded: false,
				units: 0,
				employees: 0,
				goals: 0,
				values: 0,
				evaluations: 0,
				goalChanges: 0
			};
		const demo = buildDemoCompany({ today: options.today });
		await insertUnits(db, orgId, demo.units);
		await insertEmployees(db, orgId, demo.employees, demo.units);
		const metrics = await upsertMetrics(db, orgId, demo.metrics);
		const metricIds = new Map(metrics.map((m) => [m.key, m.id]));
		// The retention goals are created by the strategy change below, with its history.
		const planned = demo.goals.filter((g) => !RETENTION_GOAL_REFS.has(g.id));
		const bound = await insertSeedGoals(db, orgId, planned, metricIds);
		const unitRefs = new Set(demo.units.map((u) => u.id));
		const values = await insertSeedValues(db, orgId, demo.metricValues, metricIds, unitRefs);
		await recomputeGoals(db, orgId, bound, options.today);
		const now = new Date(`${options.today}T12:00:00Z`);
		const system = { actorId: null, reason: 'demo company', now };
		const schemes = [...demo.schemes].sort((a, b) => a.version - b.version);
		let evaluations = 0;
		for (const [i, scheme] of schemes.entries()) {
			const input = { ...scheme, key: scheme.id, scope: mapScope(orgId, scheme) };
			const isSwap = schemes.slice(0, i).some((s) => s.id === scheme.id);
			if (isSwap) {
				// Replay the strategy change as the admin's swap, so its record is there to see.
				await swapSchemeIn(db, orgId, input, {
					...system,
					reason: 'Strategy moves from scale expansion to profit'
				});
			} else {
				await insertScheme(db, orgId, input, null);
				if (i === 0)
					evaluations = await openEvaluationsIn(db, orgId, {
						cycle: String(demo.calendar.year),
						now
					});
			}
		}
		const accounts = await ensureDemoAccounts(
			db.em,
			orgId,
			demo.accounts.map((a) => ({
				email: a.email,
				role: a.role,
				employeeId: refId(orgId, a.employeeRef),
				password: demoPassword(a.role)
			}))
		);
		const admin = demo.accounts.find((a) => a.role === 'admin');
		const created = await seedStrategyChange(db.em, orgId, {
			goals: demo.goals,
			actorId: admin ? (accounts[admin.email] ?? null) : null,
			...(admin ? { label: admin.email } : {}),
			at: strategyChangeDate(demo.calendar.year, options.today)
		});
		await recomputeGoals(db, orgId, created, options.today);
		return {
			seeded: true,
			goalChanges: created.length + 2,
			units: demo.units.length,
			employees: demo.employees.length,
			goals: demo.goals.length,
			values,
			evaluations
		};
	});
}
