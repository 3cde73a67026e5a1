import { GoalChangeRow, GoalRow } from './goal.entity';
import { MetricDefinitionRow, MetricSignalRow, MetricValueRow } from './metric.entity';
import { EvaluationRow, WeightingSchemeRow, WeightingSwapRow } from './weighting.entity';

export * from './goal.entity';
export * from './metric.entity';
export * from './weighting.entity';

/** The domain's entities, added to the ORM config by the db layer's entity list. */
export const domainEntities = [
	GoalRow,
	GoalChangeRow,
	MetricDefinitionRow,
	MetricValueRow,
	MetricSignalRow,
	WeightingSchemeRow,
	EvaluationRow,
	WeightingSwapRow
];
