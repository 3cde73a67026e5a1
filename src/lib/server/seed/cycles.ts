/**
 * Running cycles for the demo company, driven through the real runtime (startInstance,
 * sendEvent with task outcomes and valid form data, runDueTimers with a clock that moves
 * through the story dates), so journals, tasks, timers and notifications are the engine's own.
 *
 * - Zhang San's monthly sales target for the story month, told day by day: the week-2 pace
 *   check reminds his manager, she gives feedback, the month closes at 11M and is evaluated;
 *   then the current month's instance, still tracking.
 * - An annual cycle for every employee, started twelve days ago: most are at goal setting,
 *   some teams are further along (submitted, returned, approved and tracking, self review,
 *   manager evaluation, calibration by HR).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, endOfMonthDate } from '../../domain/dates';
import type { DemoCompany } from '../../domain/demo/index';
import { runDueTimers, runOutbox, sendEvent, startInstance } from '../runtime/index';
import { execute } from '../auth/sql';
import { refId } from './ids';
import { stageOf, STAGE_STEPS, type Stage } from './cycle-stages';

const at = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);

async function openTaskId(em: EntityManager, instanceId: string, statePath: string) {
	const rows = await execute<{ id: string }>(
		em,
		`select id from task where instance_id = ? and state_path = ? and status = 'open' limit 1`,
		[instanceId, statePath]
	);
	const id = rows[0]?.id;
	if (!id) throw new Error(`demo cycles: no open ${statePath} task on ${instanceId}`);
	return id;
}

/**
 * Fires the timers due at each date, in order, and delivers what they sent (each with that
 * date as its clock), so reminders are dated when the engine raised them.
 */
async function moveClock(em: EntityManager, dates: readonly Date[]): Promise<void> {
	for (const now of dates) {
		await runDueTimers({ em, now, limit: 1000 });
		await runOutbox({ em, now, limit: 1000 });
	}
}

export type CycleSeedSummary = {
	instances: number;
	monthlyStoryInstanceId: string;
	monthlyCurrentInstanceId: string;
	annualByEmployeeRef: Record<string, string>;
};

/** Seeds the demo's running cycles; `demo` is the same build the company was seeded from. */
export async function seedDemoCycles(
	em: EntityManager,
	orgId: string,
	demo: DemoCompany
): Promise<CycleSeedSummary> {
	const id = (ref: string) => refId(orgId, ref);
	const cal = demo.calendar;
	const zhangSan = id('emp-zhang-san');
	const monthInput = (from: string, to: string) => ({
		target: 10_000_000,
		currency: 'CNY',
		periodStart: `${from}T00:00:00Z`,
		periodEnd: `${addDays(to, 1)}T00:00:00Z`
	});
	// The story month, day by day.
	const story = cal.storyMonth;
	const month = await startInstance({
		em,
		orgId,
		definitionSlug: 'monthly-sales-target',
		subjectId: zhangSan,
		input: monthInput(story.from, story.to),
		now: at(story.from, 0)
	});
	const feedbackTask = month.openTasks.find((t) => t.statePath.endsWith('feedback.feedback'));
	await moveClock(em, [at(addDays(story.from, 7), 1), at(addDays(story.from, 14), 1)]);
	if (feedbackTask) {
		await sendEvent({
			em,
			orgId,
			instanceId: month.instanceId,
			event: {
				type: 'submit',
				taskId: feedbackTask.id,
				data: {
					notes: 'Visit more customers',
					actions: 'Marketing hands over 100 leads; the sales director joins the key visits'
				}
			},
			actorId: id('emp-sun-li'),
			now: at(addDays(story.from, 15), 10)
		});
	}
	await moveClock(em, [at(addDays(story.from, 21), 1), at(addDays(story.from, 28), 1)]);
	const evaluationTask = await openTaskId(em, month.instanceId, 'evaluation');
	await sendEvent({
		em,
		orgId,
		instanceId: month.instanceId,
		event: {
			type: 'submit',
			taskId: evaluationTask,
			data: { rating: 5, comment: 'Recovered from 6M after three weeks to 11M: 110% of target' }
		},
		actorId: id('emp-sun-li'),
		now: at(addDays(story.to, 1), 10)
	});
	// The current month, started on its first day and tracking since.
	const current = await startInstance({
		em,
		orgId,
		definitionSlug: 'monthly-sales-target',
		subjectId: zhangSan,
		input: monthInput(cal.currentMonthStart, endOfMonthDate(cal.currentMonthStart)),
		now: at(cal.currentMonthStart, 0)
	});
	const annual = await seedAnnualCycles(em, orgId, demo);
	await moveClock(em, [at(cal.today, 6)]);
	return {
		instances: 2 + Object.keys(annual).length,
		monthlyStoryInstanceId: month.instanceId,
		monthlyCurrentInstanceId: current.instanceId,
		annualByEmployeeRef: annual
	};
}

async function seedAnnualCycles(
	em: EntityManager,
	orgId: string,
	demo: DemoCompany
): Promise<Record<string, string>> {
	const id = (ref: string) => refId(orgId, ref);
	const { year, today } = demo.calendar;
	const start = addDays(today, -12);
	const input = {
		cycle: { name: `FY${year}`, start: `${year}-01-01T00:00:00Z`, end: `${year}-12-31T00:00:00Z` }
	};
	const started: Record<string, string> = {};
	const byStage = new Map<Stage, string[]>();
	for (const person of demo.employees) {
		const result = await startInstance({
			em,
			orgId,
			definitionSlug: 'annual-performance-cycle',
			subjectId: id(person.id),
			input,
			now: at(start, 8)
		});
		started[person.id] = result.instanceId;
		const stage = stageOf(person, demo.employees);
		byStage.set(stage, [...(byStage.get(stage) ?? []), result.instanceId]);
	}
	// Each stage's steps, day by day, for every instance at that stage or beyond.
	for (const [day, step] of STAGE_STEPS.entries()) {
		const now = at(addDays(start, 2 + day * 2), 10);
		for (const [stage, instances] of byStage) {
			if (!step.stages.includes(stage)) continue;
			for (const instanceId of instances) {
				const taskId = step.statePath
					? await openTaskId(em, instanceId, step.statePath)
					: undefined;
				await sendEvent({
					em,
					orgId,
					instanceId,
					event: { type: step.event, data: step.data(), ...(taskId ? { taskId } : {}) },
					now
				});
			}
		}
	}
	return started;
}
