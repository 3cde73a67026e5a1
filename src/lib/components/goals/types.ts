/** The goal shapes the goal views render (built on the server, plain JSON). */
import type { GoalKind, GoalStatus } from '../../domain/goals';
import type { MetricUnit } from '../../domain/metrics';
import type { LocalizedText } from '../../domain/result';

/** Where an owner sits in the org: drives the mind map's levels and the board's columns. */
export type OwnerLevel = 'company' | 'department' | 'team' | 'person';

export type CascadeGoal = {
	id: string;
	kind: GoalKind;
	title: LocalizedText;
	parentId: string | null;
	status: GoalStatus;
	weight: number;
	startDate: string;
	dueDate: string;
	owner: {
		kind: 'person' | 'unit';
		id: string;
		name: string;
		level: OwnerLevel;
		/** The department the owner belongs to (a unit's own department, a person's unit's). */
		departmentId: string | null;
		departmentName: string | null;
	};
	progress: number;
	attainment: number;
	current: number | null;
	metric: {
		key: string;
		name: LocalizedText | null;
		baseline: number;
		target: number;
		unit: MetricUnit | null;
	} | null;
	supports: string[];
};
