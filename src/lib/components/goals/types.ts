/** The goal shapes the goal views render (built on the server, plain JSON). */
import type { GoalKind, GoalStatus } from '../../domain/goals';
import type { MetricUnit } from '../../domain/metrics';
import type { LocalizedText } from '../../domain/result';

/** A name as stored: plain text, or per locale. */
export type NameText = string | LocalizedText;

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
		name: NameText;
		level: OwnerLevel;
		/** The department the owner belongs to (a unit's own department, a person's unit's). */
		departmentId: string | null;
		departmentName: NameText | null;
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
	/** A key result measured by hand: its target and the last recorded value. */
	manual: { baseline: number; target: number; current: number | null } | null;
	supports: string[];
};
