import { describe, expect, it } from 'vitest';
import { consecutiveDeclines, expectedPace, forecastRunRate, trendAlerts } from '../analytics';
import { addDays, dateToUtcMs } from '../dates';
import { buildGoalIndex, validateGoalTree, type Goal } from '../goals';
import { compileMetrics, evaluateDerived, validateMetricDefinitions } from '../metric-validation';
import { aggregateInRange, type MetricValue } from '../metrics';
import { buildReportingIndex, managerChain, unitAncestry, validateOrg } from '../org';
import { bucketByPeriod } from '../periods';
import { keyResultProgress } from '../progress';
import { rollUpProgress } from '../rollup';
import { scoreEvaluation } from '../scoring';
import { selectScheme, validateWeightingScheme } from '../weighting';
import { buildDemoCompany } from './index';
import { applyRetentionStrategy } from './strategy-change';

const today = '2026-12-04';
const demo = buildDemoCompany({ today });
const { calendar } = demo;
const goal = (id: string) => demo.goals.find((g) => g.id === id) as Goal;
const metric = (key: string) =>
	demo.metrics.find((m) => m.key === key) as (typeof demo.metrics)[number];
const valuesOf = (metricKey: string, subjectId: string): MetricValue[] =>
	demo.metricValues.filter((v) => v.metricKey === metricKey && v.subjectId === subjectId);
const progressAt = (goalId: string, asOf: string) => {
	const g = goal(goalId);
	return keyResultProgress(g, metric(g.metric?.metricKey ?? ''), demo.metricValues, asOf);
};

describe('the demo company', () => {
	it('is a valid org of 60 people across countries, with the story cast in place', () => {
		expect(validateOrg(demo.units, demo.employees).ok).toBe(true);
		expect(demo.employees).toHaveLength(60);
		expect(new Set(demo.employees.map((e) => e.country))).toEqual(
			new Set(['CN', 'JP', 'KR', 'US', 'DE'])
		);
		expect(demo.employees.filter((e) => e.country === 'CN').length).toBeGreaterThan(50);
		const index = buildReportingIndex(demo.employees);
		expect(managerChain(index, 'emp-zhang-san')).toEqual([
			'emp-sun-li',
			'emp-zhao-qiang',
			'emp-chen-jing'
		]);
		expect(managerChain(index, 'emp-wang-wu')[0]).toBe('emp-zhang-san');
		expect(managerChain(index, 'emp-li-si')[0]).toBe('emp-wang-fang');
		const zhang = demo.employees.find((e) => e.id === 'emp-zhang-san');
		expect(zhang?.name['zh-CN']).toBe('张三');
		expect(zhang?.jobTitle.en).toBe('Sales Manager');
		expect(new Set(demo.employees.map((e) => e.email)).size).toBe(60);
	});
	it('has valid goals, metrics and schemes, and accounts for every role', () => {
		const tree = validateGoalTree(demo.goals);
		expect(tree.ok ? [] : tree.issues).toEqual([]);
		expect(validateMetricDefinitions(demo.metrics).ok).toBe(true);
		for (const scheme of demo.schemes) expect(validateWeightingScheme(scheme).ok).toBe(true);
		expect(new Set(demo.accounts.map((a) => a.role))).toEqual(
			new Set(['employee', 'manager', 'hr', 'designer', 'admin'])
		);
		expect(goal('g-user-growth').title['zh-CN']).toBe('年度用户增长50%');
		expect(goal('g-retention').status).toBe('draft');
	});
	it('is deterministic for the same today', () => {
		expect(buildDemoCompany({ today })).toEqual(demo);
	});
	it('keeps 90 days of values ending today', () => {
		const dates = demo.metricValues.map((v) => v.date).sort();
		expect(dates[0]).toBe(addDays(today, -89));
		expect(dates[dates.length - 1]).toBe(today);
	});
});

describe('story: Zhang San', () => {
	it('is at 6M of 10M three weeks into the month and ends it at 11M', () => {
		expect(calendar.storyMonth).toEqual({ from: '2026-11-01', to: '2026-11-30' });
		expect(progressAt('kr-zhang-san-10m', calendar.weekThreeEnd)).toMatchObject({
			current: 6_000_000,
			progress: 60,
			gap: 4_000_000,
			status: 'short'
		});
		expect(progressAt('kr-zhang-san-10m', calendar.storyMonth.to)).toMatchObject({
			current: 11_000_000,
			progress: 100,
			exceededBy: 1_000_000,
			status: 'exceeded'
		});
	});
	it('is behind pace and forecast short before the intervention', () => {
		const asOf = addDays(calendar.storyMonth.from, 13);
		const progress = progressAt('kr-zhang-san-10m', asOf)?.progress ?? 0;
		const pace = expectedPace(
			calendar.storyMonth.from,
			addDays(calendar.storyMonth.to, 1),
			addDays(asOf, 1)
		);
		const forecast = forecastRunRate(
			6_000_000,
			calendar.storyMonth.from,
			addDays(calendar.weekThreeEnd, 1),
			addDays(calendar.storyMonth.to, 1)
		);
		const alerts = trendAlerts(
			{ progress, pace, forecastAttainment: forecast / 100_000 },
			{ behindPaceBy: 5, forecastBelow: 100 }
		);
		expect(alerts.map((a) => a.code)).toEqual(['behind_pace', 'forecast_short']);
		expect(demo.timeline.filter((e) => e.subjectId === 'emp-zhang-san').map((e) => e.kind)).toEqual(
			['alert', 'feedback', 'reply', 'intervention']
		);
	});
	it('is graded Excellent with a raise range that includes +10% and promotion eligibility', () => {
		const person = demo.employees.find((e) => e.id === 'emp-zhang-san');
		if (!person) throw new Error('missing');
		const ancestry = unitAncestry(new Map(demo.units.map((u) => [u.id, u])), person.unitId);
		const scheme = selectScheme(
			demo.schemes,
			{ unitAncestry: ancestry, jobFamily: person.jobFamily },
			calendar.storyMonth.to
		);
		expect(scheme?.id).toBe('sales-monthly');
		if (!scheme) return;
		const sales = progressAt('kr-zhang-san-10m', calendar.storyMonth.to)?.attainment ?? 0;
		const visits = progressAt('kr-zhang-san-visits', calendar.storyMonth.to)?.attainment ?? 0;
		const collaboration =
			progressAt('kr-zhang-san-peer-feedback', calendar.storyMonth.to)?.attainment ?? 0;
		expect(collaboration).toBeGreaterThan(100);
		const result = scoreEvaluation(scheme, { sales, visits, collaboration });
		expect(result.missing).toEqual([]);
		expect(result.grade?.label['zh-CN']).toBe('优秀');
		expect(result.outcome?.promotionEligible).toBe(true);
		expect(result.outcome?.raiseMinPercent).toBeLessThanOrEqual(10);
		expect(result.outcome?.raiseMaxPercent).toBeGreaterThanOrEqual(10);
	});
});

describe('story: Li Si', () => {
	const weeklyCommits = bucketByPeriod(
		valuesOf('commit_count', 'emp-li-si').map((v) => ({ at: v.date, value: v.value })),
		{ period: 'week', timeZone: 'Asia/Shanghai', aggregation: 'sum' }
	);
	const completionInWeek = (week: number) => {
		const monday = calendar.weeks[week] as string;
		return aggregateInRange(valuesOf('task_completion_rate', 'emp-li-si'), 'average', {
			from: monday,
			to: addDays(monday, 6)
		});
	};
	it('commits fall three weeks in a row while completion drops from 90% to 70%', () => {
		const series = weeklyCommits.map((b) => b.value);
		const lowWeek = weeklyCommits.findIndex((b) => b.periodStart === calendar.weeks[8]);
		expect(consecutiveDeclines(series.slice(0, lowWeek + 1))).toBe(3);
		expect(trendAlerts({ series: series.slice(0, lowWeek + 1) })).toMatchObject([
			{ code: 'declined_periods', periods: 3 }
		]);
		expect(completionInWeek(5)).toBe(90);
		expect(completionInWeek(8)).toBe(70);
	});
	it('recovers to 85% after the workload is adjusted, shown by his key result', () => {
		expect(completionInWeek(11)).toBe(85);
		expect(
			progressAt('kr-li-si-completion', addDays(calendar.weeks[11] as string, 6))?.current
		).toBe(85);
	});
});

describe('story: Wang Wu', () => {
	it('rises from 70% to 95% of his monthly target', () => {
		expect(progressAt('kr-wang-wu-2m', calendar.previousMonth.to)?.progress).toBe(70);
		expect(progressAt('kr-wang-wu-2m', calendar.storyMonth.to)?.progress).toBe(95);
		expect(goal('g-wang-wu-sales').supports).toContain('kr-brand-exposure');
	});
});

describe('cascade and strategy change', () => {
	it('rolls progress up to the company objectives', () => {
		const index = buildGoalIndex(demo.goals);
		const leaves = new Map<string, number>();
		for (const g of demo.goals) {
			if (!g.metric) continue;
			leaves.set(
				g.id,
				keyResultProgress(g, metric(g.metric.metricKey), demo.metricValues, today)?.progress ?? 0
			);
		}
		const all = rollUpProgress(index, leaves);
		for (const id of ['g-user-growth', 'g-revenue']) {
			expect(all.get(id)).toBeGreaterThan(0);
			expect(all.get(id)).toBeLessThanOrEqual(100);
		}
	});
	it('computes profit per user from profit and active users', () => {
		const compiled = compileMetrics(demo.metrics);
		if (!compiled.ok) throw new Error('metrics invalid');
		const range = calendar.storyMonth;
		const derived = evaluateDerived(compiled.value, {
			profit: aggregateInRange(valuesOf('profit', 'co'), 'sum', range),
			active_users: aggregateInRange(valuesOf('active_users', 'co'), 'last', range)
		});
		expect(derived.profit_per_user).toBeGreaterThan(5);
		expect(derived.profit_per_user).toBeLessThan(15);
	});
	it('swaps the growth weighting for the profit one from this month', () => {
		const context = {
			unitAncestry: ['team-eng-backend', 'dept-eng', 'co'],
			jobFamily: 'engineering'
		};
		const before = selectScheme(demo.schemes, context, calendar.storyMonth.to);
		const after = selectScheme(demo.schemes, context, today);
		expect(before?.items.find((i) => i.key === 'new_users')?.weight).toBe(20);
		expect(after?.version).toBe(2);
		expect(after?.items.find((i) => i.key === 'profit_per_user')?.weight).toBe(40);
		expect(after?.items.some((i) => i.key === 'new_users')).toBe(false);
		expect(dateToUtcMs(after?.effectiveFrom ?? '')).toBeLessThanOrEqual(dateToUtcMs(today));
	});
});

describe.each(['2027-03-01', '2026-01-31', '2026-06-07', '2028-02-29'])(
	'the stories on %s',
	(day) => {
		const other = buildDemoCompany({ today: day });
		const at = (goalId: string, asOf: string) => {
			const g = other.goals.find((x) => x.id === goalId) as Goal;
			const m = other.metrics.find((x) => x.key === g.metric?.metricKey);
			return m ? keyResultProgress(g, m, other.metricValues, asOf) : null;
		};
		it('still reproduces Zhang San, Wang Wu and Li Si', () => {
			const c = other.calendar;
			expect(at('kr-zhang-san-10m', c.weekThreeEnd)?.current).toBe(6_000_000);
			expect(at('kr-zhang-san-10m', c.storyMonth.to)?.current).toBe(11_000_000);
			expect(at('kr-wang-wu-2m', c.previousMonth.to)?.progress).toBe(70);
			expect(at('kr-wang-wu-2m', c.storyMonth.to)?.progress).toBe(95);
			const commits = bucketByPeriod(
				other.metricValues
					.filter((v) => v.metricKey === 'commit_count' && v.subjectId === 'emp-li-si')
					.map((v) => ({ at: v.date, value: v.value })),
				{ period: 'week', timeZone: 'Asia/Shanghai', aggregation: 'sum' }
			);
			const low = commits.findIndex((b) => b.periodStart === c.weeks[8]);
			expect(consecutiveDeclines(commits.slice(0, low + 1).map((b) => b.value))).toBe(3);
			expect(validateGoalTree(other.goals).ok).toBe(true);
		});
	}
);

describe('story: strategy change', () => {
	it('replaces user growth with retention and keeps the history', () => {
		const result = applyRetentionStrategy(demo.goals, {
			who: 'emp-he-min',
			at: `${today}T09:00:00Z`,
			why: 'Strategy moves from scale to profit'
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const after = new Map(result.value.goals.map((g) => [g.id, g]));
		expect(after.get('g-user-growth')?.status).toBe('archived');
		expect(after.get('g-retention')?.status).toBe('active');
		expect(after.get('g-product-optimisation')?.parentId).toBe('g-retention');
		expect(result.value.changes.map((c) => c.kind)).toEqual([
			'status',
			'status',
			'status',
			'reparent',
			'archive'
		]);
		expect(result.value.changes[3]).toMatchObject({
			before: { parentId: 'g-user-growth' },
			after: { parentId: 'g-retention' },
			who: 'emp-he-min'
		});
		expect(validateGoalTree(result.value.goals).ok).toBe(true);
		expect(demo.goals.find((g) => g.id === 'g-user-growth')?.status).toBe('active'); // input untouched
	});
});
