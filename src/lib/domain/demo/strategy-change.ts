/**
 * The strategy-change story as goal changes: the company replaces "annual user growth 50%"
 * with "retention 80%" mid-year and re-aligns product's goals to it. Every step is an audited
 * change, so the history of the switch is kept.
 */
import {
	archiveGoal,
	changeGoalStatus,
	reparentGoal,
	type ChangeContext,
	type GoalChange,
	type GoalChangeResult
} from '../goal-changes';
import { buildGoalIndex, type Goal } from '../goals';
import type { Result } from '../result';

/** Goals after the switch, and the change records in the order they were made. */
export interface StrategyChange {
	readonly goals: readonly Goal[];
	readonly changes: readonly GoalChange[];
}

/**
 * Activates the retention objective and its key results, moves product optimisation under
 * it, then archives the user-growth objective (marketing and user operations go with it).
 */
export function applyRetentionStrategy(
	goals: readonly Goal[],
	context: ChangeContext
): Result<StrategyChange> {
	type Index = ReturnType<typeof buildGoalIndex>;
	const byId = (index: Index, id: string): Goal => {
		const goal = index.byId.get(id);
		if (!goal) throw new Error(`demo goal ${id} is missing`);
		return goal;
	};
	const steps: ((index: Index) => Result<GoalChangeResult>)[] = [
		(index) => changeGoalStatus(byId(index, 'g-retention'), 'active', context),
		(index) => changeGoalStatus(byId(index, 'kr-retention'), 'active', context),
		(index) => changeGoalStatus(byId(index, 'kr-profit-per-user'), 'active', context),
		(index) => reparentGoal(index, 'g-product-optimisation', 'g-retention', context),
		(index) => archiveGoal(byId(index, 'g-user-growth'), context)
	];
	let current = [...goals];
	const changes: GoalChange[] = [];
	for (const step of steps) {
		const result = step(buildGoalIndex(current));
		if (!result.ok) return result;
		const changed = result.value.goal;
		current = current.map((g) => (g.id === changed.id ? changed : g));
		changes.push(result.value.change);
	}
	return { ok: true, value: { goals: current, changes } };
}
