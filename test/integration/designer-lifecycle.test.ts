import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { createTestDatabase, type TestDatabase } from '../../src/lib/server/db/test-db';
import { configureRuntime } from '../../src/lib/server/runtime/engine-port';
import { realEngine } from '../../src/lib/server/runtime/real-engine';
import { startInstance } from '../../src/lib/server/runtime/start';
import { sendEvent } from '../../src/lib/server/runtime/executor';
import { runDueTimers } from '../../src/lib/server/runtime/timers';
import { withSql } from '../../src/lib/server/runtime/pg';
import { getRegistry } from '../../src/lib/server/plugins';
import type { Registry } from '../../src/lib/engine/registry';
import { diffDefinitions } from '../../src/lib/engine/diff';
import { parseDefinition, type Definition } from '../../src/lib/engine/definition';
import {
	applyMigration,
	discardDraft,
	fromInterchange,
	getDraft,
	importDraft,
	listVersions,
	previewMigration,
	publishDefinition,
	renderPreview,
	saveDraft,
	toXStateConfig
} from '../../src/lib/server/designer';
import { seedOrg, type SeededOrg } from '../fixtures/seed';

const DAY = 86_400_000;
const T0 = new Date('2025-03-03T09:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const SLUG = 'designer-test-cycle';

let db: TestDatabase;
let org: SeededOrg;
let registry: Registry;
const em = () => db.orm.em.fork();
const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
	withSql(em(), (q) => q<T>(undefined, text, params));

const task = (assignee: string, form: string, title: string) => ({
	kind: 'task',
	params: { assignee, form, title, due: 'P7D' }
});

/** Version 1: work → waiting (10 days) → review → done. */
const v1 = {
	id: SLUG,
	name: { en: 'Designer test cycle', 'zh-CN': '设计器测试周期' },
	initial: 'work',
	context: {},
	states: {
		work: { meta: task('subject', 'answer', 'workTitle'), on: { submit: 'waiting' } },
		waiting: { meta: { kind: 'wait' }, after: { P10D: 'review' } },
		review: { meta: task('subject.manager', 'answer', 'reviewTitle'), on: { approve: 'done' } },
		done: { type: 'final', meta: { kind: 'final' } }
	},
	forms: {
		answer: { schema: { type: 'object', properties: { text: { type: 'string' } } } }
	},
	templates: {
		workTitle: { en: 'Work for {{subject.name}}', 'zh-CN': '{{subject.name}} 的工作' },
		reviewTitle: { en: 'Review {{subject.name}}', 'zh-CN': '评审 {{subject.name}}' }
	}
} satisfies Record<string, unknown>;

/**
 * Version 2: a profit review (with a 5-day escalation) between waiting and the review, which
 * is renamed evaluation.
 */
function makeV2(): Record<string, unknown> {
	const v2 = structuredClone(v1) as unknown as Definition;
	v2.states = {
		work: v1.states.work,
		waiting: { meta: { kind: 'wait' }, after: { P10D: 'profitReview' } },
		profitReview: {
			meta: task('subject', 'answer', 'profitTitle'),
			on: { submit: 'evaluation' },
			after: { P5D: 'evaluation' }
		},
		evaluation: {
			meta: task('subject.manager', 'answer', 'reviewTitle'),
			on: { approve: 'done' }
		},
		done: { type: 'final', meta: { kind: 'final' } }
	};
	v2.templates = {
		...v2.templates,
		profitTitle: { en: 'Profit per user review', 'zh-CN': '人均利润评审' }
	};
	return v2 as unknown as Record<string, unknown>;
}

async function versionRows() {
	return sql<{ version: number; content_hash: string; status: string }>(
		`select v.version, v.content_hash, v.status from workflow_version v
     join workflow_definition d on d.id = v.definition_id
     where d.organisation_id = $1 and d.slug = $2 order by v.version`,
		[org.orgId, SLUG]
	);
}

async function start(now: Date) {
	return startInstance({
		em: em(),
		orgId: org.orgId,
		definitionSlug: SLUG,
		subjectId: org.employeeId,
		now
	});
}

async function complete(instanceId: string, taskKey: string, type: string, now: Date) {
	const [row] = await sql<{ id: string }>(
		`select id from task where instance_id = $1 and task_key = $2 and status = 'open'`,
		[instanceId, taskKey]
	);
	if (!row) throw new Error(`no open task ${taskKey}`);
	return sendEvent({
		em: em(),
		orgId: org.orgId,
		instanceId,
		event: { type, data: { text: 'done' }, taskId: row.id },
		now
	});
}

beforeAll(async () => {
	registry = await getRegistry();
	configureRuntime({ engine: realEngine, registry });
	db = await createTestDatabase();
	org = await seedOrg(db.orm);
	const published = await publishDefinition({
		em: em(),
		orgId: org.orgId,
		slug: SLUG,
		content: v1,
		note: 'First version',
		registry,
		now: T0
	});
	expect(published).toMatchObject({ ok: true, version: 1, isNew: true });
});

afterAll(async () => {
	await db?.close();
});

describe('designer drafts', () => {
	it('autosaves a draft without touching the published version', async () => {
		const before = await versionRows();
		const draft = { ...makeV2(), name: { en: 'Edited', 'zh-CN': '已编辑' } };
		await saveDraft({
			em: em(),
			orgId: org.orgId,
			slug: SLUG,
			content: draft,
			baseVersion: 1,
			actorId: null,
			now: at(0)
		});
		await saveDraft({
			em: em(),
			orgId: org.orgId,
			slug: SLUG,
			content: { ...draft, description: { en: 'Again' } },
			baseVersion: 1,
			actorId: null,
			now: at(0.01)
		});
		const saved = await getDraft(em(), org.orgId, SLUG);
		expect(saved).toMatchObject({ slug: SLUG, baseVersion: 1 });
		expect(saved?.content.description).toEqual({ en: 'Again' });
		expect(await versionRows()).toEqual(before);
		const [stored] = await sql<{ content: unknown }>(
			`select v.content from workflow_version v join workflow_definition d on d.id = v.definition_id
       where d.organisation_id = $1 and d.slug = $2 and v.version = 1`,
			[org.orgId, SLUG]
		);
		expect(stored?.content).toEqual(v1);
		await discardDraft(em(), org.orgId, SLUG);
		expect(await getDraft(em(), org.orgId, SLUG)).toBeNull();
	});
});

describe('designer publish', () => {
	it('refuses a definition with lint errors and stores nothing', async () => {
		const broken = structuredClone(makeV2()) as unknown as Definition;
		(broken.states.work as { on: Record<string, string> }).on.submit = 'nowhere';
		const result = await publishDefinition({
			em: em(),
			orgId: org.orgId,
			slug: SLUG,
			content: broken as unknown as Record<string, unknown>,
			note: 'Broken',
			registry,
			now: at(1)
		});
		expect(result.ok).toBe(false);
		expect(result).toMatchObject({ reason: 'invalid' });
		if (!result.ok && result.reason === 'invalid') {
			expect(result.issues).toContainEqual(
				expect.objectContaining({ code: 'unknown_target', path: 'work.on.submit' })
			);
		}
		expect((await versionRows()).map((r) => r.version)).toEqual([1]);
	});

	it('requires a note', async () => {
		const result = await publishDefinition({
			em: em(),
			orgId: org.orgId,
			slug: SLUG,
			content: makeV2(),
			note: '   ',
			registry,
			now: at(1)
		});
		expect(result).toEqual({ ok: false, reason: 'note_required' });
		expect((await versionRows()).map((r) => r.version)).toEqual([1]);
	});

	it('answers identical content with the version that holds it', async () => {
		const result = await publishDefinition({
			em: em(),
			orgId: org.orgId,
			slug: SLUG,
			content: structuredClone(v1),
			note: 'Same again',
			registry,
			now: at(1)
		});
		expect(result).toMatchObject({ ok: true, version: 1, isNew: false });
	});
});

describe('designer versions, diff and migration', () => {
	const ids: Record<'waiting' | 'review' | 'work' | 'done', string> = {
		waiting: '',
		review: '',
		work: '',
		done: ''
	};

	beforeAll(async () => {
		// Four instances on version 1: in review and finished (their day-10 timers fire), at
		// work, and waiting (submitted on day 5: its timer is due on day 15).
		const review = await start(at(0));
		await complete(review.instanceId, 'work', 'submit', at(0));
		ids.review = review.instanceId;
		const done = await start(at(0));
		await complete(done.instanceId, 'work', 'submit', at(0));
		ids.done = done.instanceId;
		ids.work = (await start(at(1))).instanceId;
		const waiting = await start(at(5));
		await complete(waiting.instanceId, 'work', 'submit', at(5));
		ids.waiting = waiting.instanceId;
		await runDueTimers({ em: em(), now: at(10) });
		await complete(ids.done, 'review', 'approve', at(10));
		const rows = await sql<{ id: string; state_value: unknown; status: string }>(
			'select id, state_value, status from instance where id = any($1::uuid[])',
			[Object.values(ids)]
		);
		const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
		expect(byId[ids.waiting]?.state_value).toBe('waiting');
		expect(byId[ids.review]?.state_value).toBe('review');
		expect(byId[ids.work]?.state_value).toBe('work');
		expect(byId[ids.done]?.status).toBe('done');

		const published = await publishDefinition({
			em: em(),
			orgId: org.orgId,
			slug: SLUG,
			content: makeV2(),
			note: 'Profit per user review',
			registry,
			now: at(11)
		});
		expect(published).toMatchObject({ ok: true, version: 2, isNew: true });
	});

	it('keeps version 1 immutable and lists the running instances per version', async () => {
		const rows = await versionRows();
		expect(rows.map((r) => [r.version, r.status])).toEqual([
			[1, 'published'],
			[2, 'published']
		]);
		const summary = await listVersions(em(), org.orgId, SLUG);
		expect(summary?.versions.map((v) => [v.version, v.runningInstances, v.note])).toEqual([
			[2, 0, 'Profit per user review'],
			[1, 3, 'First version']
		]);
		const next = await start(at(11));
		const [row] = await sql<{ version: number }>(
			`select v.version from instance i join workflow_version v on v.id = i.definition_version_id where i.id = $1`,
			[next.instanceId]
		);
		expect(row?.version).toBe(2);
		await sql(`update instance set status = 'cancelled' where id = $1`, [next.instanceId]);
	});

	it('diffs the two versions', () => {
		const diff = diffDefinitions(v1 as unknown as Definition, makeV2() as unknown as Definition);
		expect(diff.states.added.sort()).toEqual(['evaluation', 'profitReview']);
		expect(diff.states.removed).toEqual(['review']);
		expect(diff.templates.added).toEqual(['profitTitle']);
		expect(diff.transitions.changed.map((c) => c.before.id)).toContainEqual(
			expect.stringContaining('waiting')
		);
		expect(diff.isEmpty).toBe(false);
		expect(diffDefinitions(v1 as unknown as Definition, structuredClone(v1) as never).isEmpty).toBe(
			true
		);
	});

	it('dry-runs a plan: which instances move and which cannot, and why', async () => {
		const auto = await previewMigration({
			em: em(),
			orgId: org.orgId,
			slug: SLUG,
			fromVersion: 1,
			toVersion: 2,
			now: at(11)
		});
		expect(auto.unresolved).toEqual(['review']);
		const check = (id: string) => auto.checks.find((c) => c.id === id);
		expect(check(ids.waiting)).toMatchObject({ canMove: true, to: ['waiting'] });
		expect(check(ids.review)).toMatchObject({
			canMove: false,
			reason: 'unmapped_state',
			states: ['review']
		});
		expect(check(ids.done)).toMatchObject({ canMove: false, reason: 'not_running' });
		expect(check(ids.work)?.subjectName).toBe('Zhang San');

		const planned = await previewMigration({
			em: em(),
			orgId: org.orgId,
			slug: SLUG,
			fromVersion: 1,
			toVersion: 2,
			overrides: { review: 'evaluation', work: 'profitReview' },
			now: at(11)
		});
		expect(planned.unresolved).toEqual([]);
		expect(planned.checks.filter((c) => c.canMove).map((c) => c.id)).toHaveLength(3);
		// A dry run changes nothing.
		const [still] = await sql<{ count: string }>(
			`select count(*)::text as count from journal where kind = 'migration'`
		);
		expect(still?.count).toBe('0');
	});

	it('applies the plan in batches: journal, timers and tasks follow the move', async () => {
		const timerBefore = await sql<{ timer_key: string; due_at: Date }>(
			`select timer_key, due_at from timer where instance_id = $1 and status = 'pending'`,
			[ids.waiting]
		);
		expect(timerBefore).toHaveLength(1);
		const outcome = await applyMigration({
			em: em(),
			orgId: org.orgId,
			slug: SLUG,
			fromVersion: 1,
			toVersion: 2,
			overrides: { review: 'evaluation', work: 'profitReview' },
			registry,
			actorId: null,
			now: at(11),
			batchSize: 2
		});
		expect(outcome.batches).toBe(2);
		expect(outcome.moved.map((m) => m.id).sort()).toEqual(
			[ids.waiting, ids.review, ids.work].sort()
		);
		expect(outcome.skipped).toEqual([]);

		const journal = await sql<{ instance_id: string; payload: Record<string, unknown> }>(
			`select instance_id, payload from journal where kind = 'migration' order by instance_id`
		);
		expect(journal).toHaveLength(3);
		for (const row of journal) {
			expect(row.payload).toMatchObject({ fromVersion: 1, toVersion: 2 });
		}
		const instances = await sql<{ id: string; state_value: unknown; version: number }>(
			`select i.id, i.state_value, v.version from instance i join workflow_version v on v.id = i.definition_version_id
       where i.id = any($1::uuid[])`,
			[[ids.waiting, ids.review, ids.work]]
		);
		expect(Object.fromEntries(instances.map((r) => [r.id, [r.state_value, r.version]]))).toEqual({
			[ids.waiting]: ['waiting', 2],
			[ids.review]: ['evaluation', 2],
			[ids.work]: ['profitReview', 2]
		});

		// A mapped state's timer keeps its remaining time.
		const kept = await sql<{ timer_key: string; due_at: Date }>(
			`select timer_key, due_at from timer where instance_id = $1 and status = 'pending'`,
			[ids.waiting]
		);
		expect(kept.map((t) => new Date(t.due_at).getTime())).toEqual([at(15).getTime()]);
		// A state entered anew starts its timer from the migration.
		const started = await sql<{ timer_key: string; due_at: Date }>(
			`select timer_key, due_at from timer where instance_id = $1 and status = 'pending'`,
			[ids.work]
		);
		expect(started.map((t) => [t.timer_key, new Date(t.due_at).getTime()])).toEqual([
			[`xstate.after.P5D.${SLUG}.profitReview`, at(16).getTime()]
		]);

		// Tasks: re-keyed in review → evaluation, closed and opened for work → profitReview.
		const tasks = await sql<{ instance_id: string; task_key: string; status: string }>(
			`select instance_id, task_key, status from task where instance_id = any($1::uuid[]) order by created_at, task_key`,
			[[ids.review, ids.work]]
		);
		const of = (id: string) =>
			tasks.filter((t) => t.instance_id === id).map((t) => `${t.task_key}:${t.status}`);
		expect(of(ids.review)).toEqual(['work:completed', 'evaluation:open']);
		expect(of(ids.work)).toEqual(['work:cancelled', 'profitReview:open']);

		const summary = await listVersions(em(), org.orgId, SLUG);
		expect(summary?.versions.map((v) => [v.version, v.runningInstances])).toEqual([
			[2, 3],
			[1, 0]
		]);
	});

	it('runs the moved instances on version 2', async () => {
		const done = await complete(ids.review, 'evaluation', 'approve', at(12));
		expect(done.status).toBe('done');
		await runDueTimers({ em: em(), now: at(17) });
		const rows = await sql<{ id: string; state_value: unknown }>(
			'select id, state_value from instance where id = any($1::uuid[])',
			[[ids.waiting, ids.work]]
		);
		expect(Object.fromEntries(rows.map((r) => [r.id, r.state_value]))).toEqual({
			[ids.waiting]: 'profitReview',
			[ids.work]: 'evaluation'
		});
	});
});

describe('designer interchange', () => {
	it('exports a plain XState config that createMachine accepts, and imports it back', () => {
		const config = toXStateConfig({ $schema: './x.json', ...v1 } as unknown as Definition);
		expect(config.$schema).toBeUndefined();
		expect(config.forms).toBeUndefined();
		const machine = createMachine(config as never);
		expect(machine.id).toBe(SLUG);
		expect(machine.getInitialSnapshot({} as never).value).toBe('work');
		const back = parseDefinition(fromInterchange(JSON.parse(JSON.stringify(config))));
		expect(back.ok).toBe(true);
		const original = parseDefinition(v1);
		if (back.ok && original.ok) expect(back.value).toEqual(original.value);
	});

	it('round-trips the workflow JSON export', () => {
		const parsed = parseDefinition(fromInterchange(JSON.parse(JSON.stringify(v1))));
		expect(parsed.ok).toBe(true);
	});

	it('imports a valid file as a draft and an invalid one not at all', async () => {
		const slug = 'designer-imported';
		const invalid = await importDraft({
			em: em(),
			orgId: org.orgId,
			text: JSON.stringify({ ...v1, id: slug, initial: 'missing' }),
			registry,
			actorId: null,
			now: at(5)
		});
		expect(invalid.ok).toBe(false);
		if (!invalid.ok) expect(invalid.issues.length).toBeGreaterThan(0);
		const notJson = await importDraft({
			em: em(),
			orgId: org.orgId,
			text: '{ not json',
			registry,
			actorId: null,
			now: at(5)
		});
		expect(notJson).toMatchObject({ ok: false, issues: [{ code: 'not_json' }] });
		expect(await getDraft(em(), org.orgId, slug)).toBeNull();
		expect(await listVersions(em(), org.orgId, slug)).toBeNull();

		const valid = await importDraft({
			em: em(),
			orgId: org.orgId,
			text: JSON.stringify(toXStateConfig({ ...v1, id: slug } as unknown as Definition)),
			registry,
			actorId: null,
			now: at(5)
		});
		expect(valid).toMatchObject({ ok: true, slug });
		expect((await getDraft(em(), org.orgId, slug))?.content.forms).toEqual(v1.forms);
		expect(await listVersions(em(), org.orgId, slug)).toBeNull();
	});
});

describe('designer template preview', () => {
	it('renders against a demo subject with escaping on', () => {
		const result = renderPreview({
			template: 'Hello {{subject.name}} {{data.note}}',
			data: { note: '<b>bold</b> & "quoted"' },
			now: T0
		});
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(result.text).toMatch(/^Hello \S/);
			expect(result.text).toContain('<b>bold</b> & "quoted"');
		}
		const triple = renderPreview({ template: '{{{data.note}}}', data: { note: '<i>' }, now: T0 });
		expect(triple).toEqual({ ok: true, text: '<i>' });
	});

	it('refuses prototype access and unknown helpers', () => {
		const proto = renderPreview({
			template: '{{constructor.name}}|{{subject.constructor}}|{{__proto__.polluted}}',
			now: T0
		});
		expect(proto).toEqual({ ok: true, text: '||' });
		const lookup = renderPreview({
			template: '{{#with subject}}{{lookup this "constructor"}}{{/with}}',
			now: T0
		});
		expect(lookup.ok ? lookup.text : '').toBe('');
		const helper = renderPreview({ template: '{{evil subject}}', now: T0 });
		expect(helper.ok).toBe(false);
		const broken = renderPreview({ template: 'Hi {{#if x}}', now: T0 });
		expect(broken.ok).toBe(false);
	});
});
