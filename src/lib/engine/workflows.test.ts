// Tests may read the shipped files and load the real plugins; engine code itself may not.
// eslint-disable-next-line no-restricted-imports
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports
import { getRegistry } from '../server/plugins';
import { compileDefinition, indexStates } from './compile';
import { parseDefinition, type Definition } from './definition';
import { definitionJsonSchema } from './definition-json-schema';
import { outcomesOf, stateLabel } from './labels';
import { lintDefinition } from './lint';
import { missingLocales } from './localize';
import { simulate, type Simulation } from './simulate';
import type { Effect } from './types';

const folder = new URL('../../../workflows/', import.meta.url);
const files = readdirSync(folder).filter((file) => file.endsWith('.workflow.json'));

function load(file: string): Definition {
	const parsed = parseDefinition(JSON.parse(readFileSync(new URL(file, folder), 'utf8')));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues, null, 2));
	return parsed.value;
}

const employee = {
	id: 'zhang-san',
	name: 'Zhang San',
	managerId: 'li-si',
	progress: 0.1,
	metrics: { sales: 1_000_000, sales_amount: 1_000_000, profit_per_user: 100 }
};

function ofType<T extends Effect['type']>(effects: Effect[], type: T) {
	return effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
}

function submit(sim: Simulation, type: string, data: Record<string, unknown> = {}) {
	const result = sim.send({ type, data, taskId: 't' });
	if (!result.ok)
		throw new Error(
			`${type} refused in ${JSON.stringify(result.state)}: ${result.accepted.join(', ')} ${result.message ?? ''}`
		);
	return result.effects;
}

describe('shipped workflows', () => {
	it('ships the three definitions', () => {
		expect(files.sort()).toEqual([
			'annual-performance-cycle-profit.workflow.json',
			'annual-performance-cycle.workflow.json',
			'monthly-sales-target.workflow.json'
		]);
	});

	it('commits the schema generated from the zod schema', () => {
		const committed: unknown = JSON.parse(
			readFileSync(new URL('definition.schema.json', folder), 'utf8')
		);
		expect(committed).toEqual(definitionJsonSchema());
	});

	it.each(files)('%s parses, names the schema and lints clean', async (file) => {
		const definition = load(file);
		expect(definition.$schema).toBe('./definition.schema.json');
		const issues = lintDefinition(definition, await getRegistry());
		expect(issues).toEqual([]);
	});

	it.each(files)('%s names every state and task outcome in en and zh-CN', (file) => {
		const definition = load(file);
		for (const [path, state] of indexStates(definition.states)) {
			expect(missingLocales(state.config.meta?.label), path).toEqual([]);
			if (state.kind !== 'task' && state.kind !== 'approval') continue;
			for (const outcome of outcomesOf(definition, path)) {
				expect(missingLocales(outcome.label), `${path} ${outcome.event}`).toEqual([]);
			}
		}
		expect(stateLabel(definition, 'done', 'zh-CN')).toBe('完成');
	});

	it.each([
		'annual-performance-cycle.workflow.json',
		'annual-performance-cycle-profit.workflow.json'
	])('%s runs from goal setting to done', async (file) => {
		const isProfit = file.includes('profit');
		const compiled = compileDefinition(load(file), await getRegistry());
		const sim = simulate(compiled, { subject: employee, start: Date.UTC(2025, 0, 1) });
		expect([...sim.tasks.keys()]).toEqual(['goalSetting']);
		expect(sim.tasks.get('goalSetting')?.assignee).toEqual({ kind: 'person', id: 'zhang-san' });

		submit(sim, 'submit', { goals: [{ title: 'Grow revenue', weight: 100 }] });
		expect(sim.tasks.get('managerApproval')?.assignee).toEqual({ kind: 'person', id: 'li-si' });
		const refused = sim.send({ type: 'return', data: {} });
		expect(refused).toMatchObject({ ok: false, code: 'event_not_accepted' });
		if (!refused.ok) expect(refused.accepted).toEqual(expect.arrayContaining(['approve']));
		const returned = submit(sim, 'return', { comment: 'Add a key result' });
		expect(ofType(returned, 'closeTask')).toEqual([
			{ type: 'closeTask', taskKey: 'managerApproval', reason: 'completed' }
		]);
		expect(sim.snapshot.context.revisionComment).toBe('Add a key result');
		submit(sim, 'submit', { goals: [{ title: 'Grow revenue', weight: 100 }] });
		const approved = submit(sim, 'approve', {});
		expect(ofType(approved, 'scheduleTimer').map((t) => t.timerKey)).toHaveLength(3);

		const firstWeek = sim.advance('P7D');
		const notifies = firstWeek.flatMap((r) => (r.ok ? ofType(r.effects, 'notify') : []));
		expect(notifies).toHaveLength(isProfit ? 0 : 0);
		sim.subject = { ...employee, progress: 0.05, metrics: { sales: 0, profit_per_user: 10 } };
		const later = sim.advance('P90D').flatMap((r) => (r.ok ? r.effects : []));
		const lag = ofType(later, 'notify');
		expect(lag.length).toBeGreaterThan(0);
		expect(lag[0]).toMatchObject({ template: 'lagReminder', to: { kind: 'person', id: 'li-si' } });
		expect(sim.tasks.has('tracking.feedback.checkIn')).toBe(true);
		submit(sim, 'submit', { notes: 'Talked about pipeline', onTrack: false });
		expect(sim.snapshot.context.checkIns).toBe(1);

		const ended = submit(sim, 'trackingEnded');
		expect(ofType(ended, 'cancelTimer').map((t) => t.timerKey)).toEqual(
			expect.arrayContaining([
				`xstate.after.P7D.${compiled.definition.id}.tracking.metrics.watching`
			])
		);
		expect([...sim.tasks.keys()]).toEqual(['selfReview']);
		expect(sim.timers.size).toBe(0);

		submit(sim, 'submit', { summary: 'Closed the year', rating: 4 });
		if (isProfit) submit(sim, 'submit', { profitPerUser: 1100, assessment: 'below' });
		submit(sim, 'submit', { rating: 3, comment: 'Solid year with a slow start' });
		expect(sim.tasks.get('calibration')?.assignee).toEqual({ kind: 'role', role: 'hr' });
		submit(sim, 'submit', { rating: 3 });
		expect(sim.tasks.get('hrApproval')?.kind).toBe('approval');
		const final = submit(sim, 'approve', {});
		const run = ofType(final, 'runAction');
		expect(run).toHaveLength(1);
		expect(run[0]).toMatchObject({
			actionType: 'outcomes.apply',
			params: { outcome: { rating: 3 } }
		});
		expect(ofType(final, 'complete')).toHaveLength(1);
		expect(sim.isDone).toBe(true);
		expect(sim.tasks.size).toBe(0);
	});

	it('monthly-sales-target reminds the manager in week 3 when behind pace', async () => {
		const compiled = compileDefinition(
			load('monthly-sales-target.workflow.json'),
			await getRegistry()
		);
		const sim = simulate(compiled, { subject: employee, start: Date.UTC(2025, 2, 1) });
		expect([...sim.tasks.keys()]).toEqual(['tracking.feedback.feedback']);
		expect(ofType(sim.effects, 'scheduleTimer')).toHaveLength(1);
		sim.advance('P7D');
		const week3 = sim.advance('P7D').flatMap((r) => (r.ok ? r.effects : []));
		expect(ofType(week3, 'notify')).toEqual([
			expect.objectContaining({ template: 'behindPace', to: { kind: 'person', id: 'li-si' } })
		]);
		submit(sim, 'submit', { notes: 'Focus on the two big accounts' });
		sim.subject = { ...employee, metrics: { sales_amount: 9_000_000 } };
		sim.advance('P14D');
		expect([...sim.tasks.keys()]).toEqual(['evaluation']);
		expect(sim.snapshot.context.weeksElapsed).toBe(4);
		submit(sim, 'submit', { rating: 3, comment: 'Close to target after a slow start' });
		expect(sim.snapshot.context.achievement).toBeCloseTo(0.9);
		expect(sim.isDone).toBe(true);
	});

	it('monthly-sales-target stays quiet when on pace', async () => {
		const compiled = compileDefinition(
			load('monthly-sales-target.workflow.json'),
			await getRegistry()
		);
		const onPace = { ...employee, metrics: { sales_amount: 6_000_000 } };
		const sim = simulate(compiled, { subject: onPace, start: Date.UTC(2025, 2, 1) });
		sim.advance('P28D');
		expect(ofType(sim.effects, 'notify')).toEqual([]);
	});
});
