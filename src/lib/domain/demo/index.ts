/**
 * The demo company 启航科技 (Qihang Tech): org, people, goals, metrics, 90 days of values,
 * weighting schemes, story events and demo accounts, all plain objects, identical for the
 * same `today`.
 *
 * @example
 * const demo = buildDemoCompany({ today: '2026-12-04' });
 * demo.employees.find((e) => e.id === 'emp-zhang-san')?.jobTitle.en; // 'Sales Manager'
 */
import type { IsoDate } from '../dates';
import type { Goal } from '../goals';
import type { MetricDefinition, MetricValue } from '../metrics';
import type { Employee, OrgUnit } from '../org';
import type { WeightingScheme } from '../weighting';
import { buildDemoAccounts, type DemoAccount } from './accounts';
import { storyCalendar, type StoryCalendar } from './calendar';
import { buildDemoGoals } from './goal-cascade';
import { DEMO_METRICS } from './metric-catalog';
import { DEMO_UNITS } from './org-chart';
import { buildDemoPeople } from './people';
import { createPrng } from './prng';
import { buildDemoSchemes } from './schemes';
import { buildStorySeries } from './story-series';
import { buildStoryTimeline, type StoryEvent } from './timeline';

/** Everything the demo seeds. */
export interface DemoCompany {
	readonly organisation: { readonly id: string; readonly name: Readonly<Record<string, string>> };
	readonly calendar: StoryCalendar;
	readonly units: readonly OrgUnit[];
	readonly employees: readonly Employee[];
	readonly goals: readonly Goal[];
	readonly metrics: readonly MetricDefinition[];
	readonly metricValues: readonly MetricValue[];
	readonly schemes: readonly WeightingScheme[];
	readonly timeline: readonly StoryEvent[];
	readonly accounts: readonly DemoAccount[];
}

/** E-mail domain of the demo accounts (reserved for examples, never routable). */
export const DEMO_EMAIL_DOMAIN = 'qihang.example';

/** Builds the demo company as of `today`. `seed` only changes the noise, not the stories. */
export function buildDemoCompany(options: {
	readonly today: IsoDate;
	readonly seed?: number;
}): DemoCompany {
	const prng = createPrng(options.seed ?? 20_260_101);
	const calendar = storyCalendar(options.today);
	const employees = buildDemoPeople(options.today, prng, DEMO_EMAIL_DOMAIN);
	return {
		organisation: { id: 'org-qihang', name: { en: 'Qihang Tech', 'zh-CN': '启航科技' } },
		calendar,
		units: DEMO_UNITS,
		employees,
		goals: buildDemoGoals(calendar),
		metrics: DEMO_METRICS,
		metricValues: buildStorySeries(calendar, employees, prng),
		schemes: buildDemoSchemes(calendar),
		timeline: buildStoryTimeline(calendar),
		accounts: buildDemoAccounts(employees)
	};
}

export { storyCalendar, type StoryCalendar } from './calendar';
export { DEMO_METRICS } from './metric-catalog';
export { buildScaleCompany, type ScaleCompany } from './scale';
export { createPrng, type Prng } from './prng';
export type { DemoAccount, DemoRole } from './accounts';
export type { StoryEvent } from './timeline';
export { applyRetentionStrategy, type StrategyChange } from './strategy-change';
