/**
 * The profit strategy's reports, from monthly buckets: profit per user (profit ÷ active users)
 * and cost control (cost, its change month on month, and cost per unit of profit). Pure.
 */
import type { TrendPoint } from './trend';

export type StrategyMonth = {
	month: string;
	profit: number | null;
	activeUsers: number | null;
	profitPerUser: number | null;
	cost: number | null;
	costChange: number | null;
	costToProfit: number | null;
};

export function strategyMonths(input: {
	profit: readonly TrendPoint[];
	activeUsers: readonly TrendPoint[];
	cost: readonly TrendPoint[];
}): StrategyMonth[] {
	const at = (list: readonly TrendPoint[], month: string) =>
		list.find((p) => p.date === month)?.value ?? null;
	const months = [...new Set([...input.profit, ...input.cost].map((p) => p.date))].sort();
	let previousCost: number | null = null;
	return months.map((month) => {
		const profit = at(input.profit, month);
		const activeUsers = at(input.activeUsers, month);
		const cost = at(input.cost, month);
		const row: StrategyMonth = {
			month,
			profit,
			activeUsers,
			profitPerUser: profit !== null && activeUsers ? profit / activeUsers : null,
			cost,
			costChange:
				cost !== null && previousCost ? ((cost - previousCost) / previousCost) * 100 : null,
			costToProfit: cost !== null && profit ? cost / profit : null
		};
		previousCost = cost;
		return row;
	});
}

export type ActorKind = 'system' | 'people' | 'hr';
export type StepCounts = Record<ActorKind, number>;

/** Share of steps with no HR hand on them (system, timers and non-HR people), 0–100. */
export function noHrShare(counts: StepCounts): number | null {
	const total = counts.system + counts.people + counts.hr;
	return total === 0 ? null : ((counts.system + counts.people) / total) * 100;
}
