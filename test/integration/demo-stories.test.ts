import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/lib/server/db/test-db';
import { configureRuntime } from '../../src/lib/server/runtime/engine-port';
import { realEngine } from '../../src/lib/server/runtime/real-engine';
import { getRegistry } from '../../src/lib/server/plugins';
import { importWorkflowDirectory } from '../../src/lib/server/definitions/import-workflows';
import { createMemoryKeyring, generateKey, setKeyring } from '../../src/lib/server/crypto/keyring';
import { seedDemoCompany } from '../../src/lib/server/seed/demo';
import { seedDemoRunning } from '../../src/lib/server/seed/running';
import { refId } from '../../src/lib/server/seed/ids';
import { loadActor } from '../../src/lib/server/policy/load';
import { listInbox } from '../../src/lib/server/tasks/inbox';
import { goalHistory, goalReport, listGoals } from '../../src/lib/server/domain/goals/read';
import { subjectFeedback } from '../../src/lib/server/goal-views/feedback';

const TODAY = '2026-12-04';
let db: TestDatabase;
const orgId = randomUUID();
const em = () => db.orm.em.fork();
const q = <T>(sql: string, params: unknown[] = []) =>
	em().getConnection().execute<T[]>(sql, params);
let seedMs = 0;
let companyMs = 0;

async function actorByEmail(local: string) {
	const [row] = await q<{ id: string; employee_id: string | null }>(
		'select id, employee_id from user_account where organisation_id = ? and email = ?',
		[orgId, `${local}@qihang.example`]
	);
	if (!row) throw new Error(`no account ${local}`);
	return loadActor(em(), { organisationId: orgId, accountId: row.id, employeeId: row.employee_id });
}

beforeAll(async () => {
	configureRuntime({ engine: realEngine, registry: await getRegistry() });
	setKeyring(createMemoryKeyring([generateKey()]));
	db = await createTestDatabase();
	await q('insert into organisation (id, organisation_id, name) values (?, ?, ?)', [
		orgId,
		orgId,
		'Demo'
	]);
	const companyStart = performance.now();
	await seedDemoCompany(em(), { today: TODAY, orgId });
	companyMs = Math.round(performance.now() - companyStart);
	await importWorkflowDirectory({
		em: em(),
		orgId,
		dir: path.resolve('workflows'),
		now: new Date('2026-01-01T00:00:00Z')
	});
	const summary = await seedDemoRunning(em(), { orgId, today: TODAY });
	seedMs = summary.ms;
	expect(summary.seeded).toBe(true);
}, 120_000);
afterAll(async () => {
	await db?.close();
});

describe('demo stories', () => {
	it('runs cycles with open tasks in every demo inbox', async () => {
		console.info(`demo company seeded in ${companyMs} ms, its cycles and feedback in ${seedMs} ms`);
		const [count] = await q<{ n: number }>(
			"select count(*)::int as n from instance where organisation_id = ? and status = 'running'",
			[orgId]
		);
		expect(count?.n).toBeGreaterThanOrEqual(60);
		for (const local of ['wang.wu', 'li.si', 'zhang.san', 'sun.li', 'he.min']) {
			const actor = await actorByEmail(local);
			const inbox = await listInbox({
				em: em(),
				orgId,
				actor,
				locale: 'en',
				now: new Date(`${TODAY}T12:00:00Z`)
			});
			expect(inbox.length, local).toBeGreaterThan(0);
		}
		const again = await seedDemoRunning(em(), { orgId, today: TODAY });
		expect(again.seeded).toBe(false);
	});

	it('reminded Zhang San’s manager through the runtime and keeps the intervention as feedback', async () => {
		const reminders = await q<{ n: number }>(
			"select count(*)::int as n from notification where organisation_id = ? and template = 'behindPace' and recipient_person_id = ?",
			[orgId, refId(orgId, 'emp-sun-li')]
		);
		expect(reminders[0]?.n).toBeGreaterThanOrEqual(1);
		const sun = await actorByEmail('sun.li');
		const threads = await subjectFeedback(
			em(),
			orgId,
			sun,
			refId(orgId, 'emp-zhang-san'),
			refId(orgId, 'kr-zhang-san-10m')
		);
		const bodies = threads.flatMap((t) => [t.body, ...t.replies.map((r) => r.body)]);
		expect(bodies).toEqual(
			expect.arrayContaining([
				'Visit more customers',
				"Next week's visit plan is ready",
				'Marketing hands over 100 leads; the sales director joins the key visits'
			])
		);
		const hr = await actorByEmail('he.min');
		const liSi = await subjectFeedback(
			em(),
			orgId,
			hr,
			refId(orgId, 'emp-li-si'),
			refId(orgId, 'kr-li-si-completion')
		);
		expect(liSi.map((t) => t.body)).toContain(
			'Workload adjusted: two tickets moved to the team backlog'
		);
		const wang = await actorByEmail('wang.wu');
		expect(await subjectFeedback(em(), orgId, wang, refId(orgId, 'emp-zhang-san'))).toEqual([]);
	});

	it('keeps the retention change in the goal history and the archived objective reachable', async () => {
		const history = await goalHistory(em(), orgId, refId(orgId, 'g-product-optimisation'));
		expect(history.some((h) => h.kind === 'reparent' && /retention/i.test(h.reason))).toBe(true);
		const visible = await listGoals(em(), orgId, {});
		expect(visible.some((g) => g.id === refId(orgId, 'g-user-growth'))).toBe(false);
		const all = await listGoals(em(), orgId, { includeArchived: true });
		expect(all.find((g) => g.id === refId(orgId, 'g-user-growth'))?.status).toBe('archived');
		expect(all.find((g) => g.id === refId(orgId, 'g-retention'))?.status).toBe('active');
	});

	it('measures Zhang San’s 10M a month against the month', async () => {
		const report = await goalReport(
			em(),
			orgId,
			refId(orgId, 'kr-zhang-san-10m'),
			new Date('2026-12-16T00:00:00Z')
		);
		// Half of December has gone: the pace is ~48%, not the year's ~96%.
		expect(report.pace).toBeGreaterThan(40);
		expect(report.pace).toBeLessThan(55);
	});
});

describe('Zhang San’s trend chart', () => {
	it('marks the reminder, the feedback and the reply of the story month', async () => {
		const { personView } = await import('../../src/lib/server/goal-views/person');
		const sun = await actorByEmail('sun.li');
		const view = await personView(
			em(),
			orgId,
			refId(orgId, 'emp-zhang-san'),
			new Date(`${TODAY}T12:00:00Z`),
			sun
		);
		const kr = view.keyResults.find((k) => k.goal.id === refId(orgId, 'kr-zhang-san-10m'));
		const kinds = kr?.trend?.model.events.map((e) => e.kind) ?? [];
		expect(kinds).toEqual(expect.arrayContaining(['alert', 'feedback', 'reply']));
		expect(
			kr?.trend?.model.events.every((e) => e.date >= '2026-11-01' && e.date <= '2026-11-30')
		).toBe(true);
	});
});

describe('live evaluations', () => {
	it('grade Zhang San Excellent on the last complete month, early in the next one', async () => {
		const { listEvaluations, rescoreLive } =
			await import('../../src/lib/server/domain/scoring/evaluations');
		// 4 December: the running month holds four days of sales, November is complete.
		await rescoreLive(em(), orgId, new Date(`${TODAY}T12:00:00Z`));
		const byPerson = async (ref: string) => {
			const [evaluation] = await listEvaluations(em(), orgId, { employeeId: refId(orgId, ref) });
			return evaluation;
		};
		const zhang = await byPerson('emp-zhang-san');
		expect(zhang?.grade).toBe('excellent');
		expect(zhang?.inputs?.attainments.sales).toBeCloseTo(110);
		expect(zhang?.inputs?.result.missing).toEqual([]);
		expect(zhang?.inputs?.result.outcome).toMatchObject({ promotionEligible: true });
		expect(zhang?.inputs?.result.outcome?.raiseMinPercent).toBeLessThanOrEqual(10);
		expect(zhang?.inputs?.result.outcome?.raiseMaxPercent).toBeGreaterThanOrEqual(10);
		// The goal itself still shows the running month.
		const [kr] = await q<{ progress: number; scored_attainment: number | null }>(
			'select progress, scored_attainment from goal where id = ?',
			[refId(orgId, 'kr-zhang-san-10m')]
		);
		expect(kr?.progress).toBeLessThan(30);
		expect(kr?.scored_attainment).toBeCloseTo(110);
		// Wang Wu reached 95% of his target in November: good, not excellent.
		expect((await byPerson('emp-wang-wu'))?.grade).toBe('good');
		// Someone with no goal behind any weighted item is not graded at all.
		const ungraded = await q<{ n: number }>(
			`select count(*)::int as n from evaluation e join employee p on p.id = e.employee_id
			  where e.organisation_id = ? and e.grade is null and e.score is null
			    and not exists (select 1 from goal g where g.owner_id = p.id)`,
			[orgId]
		);
		expect(ungraded[0]?.n).toBeGreaterThan(40);
	});
});
