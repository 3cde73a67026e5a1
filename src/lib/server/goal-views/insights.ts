/**
 * The insights dashboard: who is behind pace now, trend alerts of the last 90 days across the
 * organisation, the profit strategy's reports (profit per user, cost control) and, per cycle,
 * how many steps ran with no HR hand on them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, endOfMonthDate, startOfIsoWeekDate, startOfMonthDate } from '../../domain/dates';
import type { Aggregation } from '../../domain/metrics';
import { bucketByPeriod } from '../../domain/periods';
import type { LocalizedText } from '../../domain/result';
import { declineDepth, declineRuns, type PastAlert } from '../../components/goals/alerts';
import {
	strategyMonths,
	type StepCounts,
	type StrategyMonth
} from '../../components/goals/insights';
import type { CascadeGoal, NameText } from '../../components/goals/types';
import { transaction } from '../domain/db';
import { goalReport, listGoals } from '../domain/goals/read';
import { metricSeries } from '../domain/metrics/series';
import type { Actor } from '../policy/types';
import { loadOrgFacts, toCascadeGoal } from './org';
import { readableGoals } from './visibility';
import { HISTORY_DAYS, keyResultTrend } from './trend';

export type BehindPace = { goal: CascadeGoal; progress: number; pace: number; lag: number };
export type OrgAlert = {
	subject: { id: string; name: NameText };
	metric: { key: string; name: LocalizedText };
	alert: PastAlert;
};
export type CycleSteps = { name: LocalizedText; counts: StepCounts };

export type InsightsView = {
	behind: BehindPace[];
	/** Profit per user by complete week. */
	profitWeekly: { date: string; value: number }[];
	onTrack: number;
	alerts: OrgAlert[];
	strategy: StrategyMonth[];
	cycles: CycleSteps[];
	today: string;
};

/** A fall of at least this share (from the run's start) makes a dashboard alert. */
const MIN_DECLINE = 0.15;
const MAX_ALERTS = 8;

async function bucketed(
	em: EntityManager,
	orgId: string,
	query: {
		metricKey: string;
		subjectId: string;
		from: string;
		to: string;
		period: 'week' | 'month';
	}
) {
	try {
		const series = await metricSeries(em, orgId, query);
		return series.buckets.map((b) => ({ date: b.periodStart, value: b.value }));
	} catch {
		return []; // an organisation without the profit metrics has no profit report
	}
}

export async function insightsView(
	em: EntityManager,
	orgId: string,
	now: Date,
	actor: Actor
): Promise<InsightsView> {
	const today = now.toISOString().slice(0, 10);
	const from = new Date(now.getTime() - (HISTORY_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
	const facts = await loadOrgFacts(em, orgId);
	const goals = await readableGoals(em, actor, await listGoals(em, orgId));
	const behind: BehindPace[] = [];
	let onTrack = 0;
	for (const goal of goals) {
		if (goal.kind !== 'key_result' || !goal.metric || goal.owner.kind !== 'person') continue;
		const report = await goalReport(em, orgId, goal.id, now);
		const trend = await keyResultTrend(em, orgId, report, today);
		const pace = trend?.pace ?? report.pace;
		const lag = pace - goal.progress;
		if (lag > 10)
			behind.push({ goal: toCascadeGoal(goal, facts), progress: goal.progress, pace, lag });
		else onTrack++;
	}
	behind.sort((a, b) => b.lag - a.lag);

	const weeklyMetrics = [...facts.metrics.values()].filter((m) => m.period === 'week');
	const rows = await transaction(em, (db) =>
		db.query<{ key: string; subject_id: string; at: string; value: number }>(
			`select m.key, v.subject_id, v.at::text, v.value from metric_value v
			   join metric_definition m on m.id = v.metric_id
			  where v.organisation_id = $1 and m.key = any($2::text[]) and v.at between $3::date and $4::date
			    and v.subject_kind = 'person'`,
			[orgId, weeklyMetrics.map((m) => m.key), from, today]
		)
	);
	const groups = new Map<string, { at: string; value: number }[]>();
	for (const r of rows) {
		const k = `${r.key}|${r.subject_id}`;
		const list = groups.get(k);
		if (list) list.push(r);
		else groups.set(k, [r]);
	}
	const alerts: OrgAlert[] = [];
	for (const [k, values] of groups) {
		const [key, subjectId] = k.split('|') as [string, string];
		const metric = facts.metrics.get(key);
		const person = facts.people.get(subjectId);
		if (!metric || !person) continue;
		const weekly = bucketByPeriod(values, {
			period: 'week',
			timeZone: 'UTC',
			aggregation: metric.aggregation as Aggregation
		}).map((b) => ({ date: b.periodStart, value: b.value }));
		const oriented =
			metric.direction === 'lower_is_better'
				? weekly.map((p) => ({ ...p, value: -p.value }))
				: weekly;
		for (const alert of declineRuns(oriented))
			alerts.push({
				subject: { id: person.id, name: person.name },
				metric: { key, name: metric.name },
				alert
			});
	}
	// Noise makes short dips of a few percent; the dashboard keeps the falls worth a conversation.
	const significant = alerts
		.filter((a) => declineDepth(a.alert) >= MIN_DECLINE)
		.sort((a, b) => declineDepth(b.alert) - declineDepth(a.alert))
		.slice(0, MAX_ALERTS);

	const company = [...facts.units.values()].find((u) => u.kind === 'company' && !u.parent_id);
	const subjectId = company?.id ?? '';
	// Only whole months and weeks inside the history: a partial one would look like a collapse.
	const firstMonth = from.endsWith('-01')
		? from
		: startOfMonthDate(addDays(endOfMonthDate(from), 1));
	const lastMonthEnd = addDays(startOfMonthDate(today), -1);
	const months = { subjectId, from: firstMonth, to: lastMonthEnd, period: 'month' as const };
	const strategy = company
		? strategyMonths({
				profit: await bucketed(em, orgId, { ...months, metricKey: 'profit' }),
				activeUsers: await bucketed(em, orgId, { ...months, metricKey: 'active_users' }),
				cost: await bucketed(em, orgId, { ...months, metricKey: 'cost' })
			}).filter((m) => m.profit !== null || m.cost !== null)
		: [];
	const weeks = {
		subjectId,
		from: startOfIsoWeekDate(addDays(from, 6)),
		to: addDays(startOfIsoWeekDate(today), -1),
		period: 'week' as const
	};
	const profitWeekly = company
		? strategyMonths({
				profit: await bucketed(em, orgId, { ...weeks, metricKey: 'profit' }),
				activeUsers: await bucketed(em, orgId, { ...weeks, metricKey: 'active_users' }),
				cost: []
			}).flatMap((w) =>
				w.profitPerUser !== null ? [{ date: w.month, value: w.profitPerUser }] : []
			)
		: [];

	const steps = await transaction(em, (db) =>
		db.query<{ name: LocalizedText; actor: 'system' | 'people' | 'hr'; n: string }>(
			`select d.name,
			        case when j.actor_id is null or j.kind = 'timer' then 'system'
			             when exists (select 1 from role_assignment r where r.organisation_id = j.organisation_id
			                            and r.role = 'hr' and (r.account_id = j.actor_id
			                              or r.employee_id = (select a.employee_id from user_account a where a.id = j.actor_id)))
			             then 'hr' else 'people' end as actor,
			        count(*) as n
			   from journal j join instance i on i.id = j.instance_id
			   join workflow_version v on v.id = i.definition_version_id
			   join workflow_definition d on d.id = v.definition_id
			  where j.organisation_id = $1
			  group by d.id, d.name, 2 order by d.id`,
			[orgId]
		)
	);
	const cycles = new Map<string, CycleSteps>();
	for (const s of steps) {
		const key = JSON.stringify(s.name);
		const entry = cycles.get(key) ?? { name: s.name, counts: { system: 0, people: 0, hr: 0 } };
		entry.counts[s.actor] += Number(s.n);
		cycles.set(key, entry);
	}
	return {
		behind,
		onTrack,
		alerts: significant,
		profitWeekly,
		strategy,
		cycles: [...cycles.values()],
		today
	};
}
