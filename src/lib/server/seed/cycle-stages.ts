/**
 * How far each demo employee's annual cycle has got, and the task outcomes (with valid form
 * data) that take an instance there. Most people are at goal setting; a few teams are
 * further along, so every demo account has something in its inbox.
 */
import type { Employee } from '../../domain/org';

export type Stage =
	| 'goalSetting'
	| 'submitted'
	| 'returned'
	| 'tracking'
	| 'selfReview'
	| 'managerEvaluation'
	| 'calibration';

const BEYOND_APPROVAL: readonly Stage[] = [
	'tracking',
	'selfReview',
	'managerEvaluation',
	'calibration'
];
const IN_REVIEW: readonly Stage[] = ['selfReview', 'managerEvaluation', 'calibration'];

/** The stage a person's cycle is seeded at. */
export function stageOf(person: Employee, everyone: readonly Employee[]): Stage {
	const fixed: Record<string, Stage> = {
		'emp-zhang-san': 'tracking',
		'emp-wang-wu': 'goalSetting',
		'emp-li-si': 'selfReview',
		'emp-gao-yuan': 'tracking',
		'emp-qian-jin': 'tracking'
	};
	const known = fixed[person.id];
	if (known) return known;
	const teammates = everyone.filter((e) => e.managerId === person.managerId && !fixed[e.id]);
	const rank = teammates.findIndex((e) => e.id === person.id);
	switch (person.managerId) {
		case 'emp-zhang-san': // Zhang San approves his reps' goals
		case 'emp-sun-li': // and Sun Li hers
			return 'submitted';
		case 'emp-qian-jin': // the product team tracks against the re-aligned goals
		case 'emp-zhou-min':
			return 'tracking';
		case 'emp-wang-fang': // backend is in review: evaluations for Wang Fang, one calibration for HR
			return rank === 0 ? 'calibration' : rank <= 2 ? 'managerEvaluation' : 'selfReview';
		case 'emp-he-min': // one HR specialist had goals returned with comments
			return rank === 0 ? 'returned' : 'goalSetting';
		default:
			return 'goalSetting';
	}
}

type Step = {
	readonly stages: readonly Stage[];
	/** The open task the event completes; none for an event sent to the instance. */
	readonly statePath?: string;
	readonly event: string;
	readonly data: () => Record<string, unknown>;
};

const GOALS = {
	goals: [
		{
			title: 'Deliver my part of the department objective',
			weight: 60,
			keyResults: [{ title: 'Hit the key result agreed with my manager', target: 100 }]
		},
		{
			title: 'Grow one skill the team needs',
			weight: 40,
			keyResults: [{ title: 'Finish one course and apply it', target: 1 }]
		}
	]
};

/** The steps in order; each runs on its own day for every instance whose stage includes it. */
export const STAGE_STEPS: readonly Step[] = [
	{
		stages: ['submitted', 'returned', ...BEYOND_APPROVAL],
		statePath: 'goalSetting',
		event: 'submit',
		data: () => GOALS
	},
	{
		stages: ['returned'],
		statePath: 'managerApproval',
		event: 'return',
		data: () => ({ comment: 'Please tie the first goal to the HR department objective' })
	},
	{ stages: BEYOND_APPROVAL, statePath: 'managerApproval', event: 'approve', data: () => ({}) },
	{ stages: IN_REVIEW, event: 'trackingEnded', data: () => ({}) },
	{
		stages: ['managerEvaluation', 'calibration'],
		statePath: 'selfReview',
		event: 'submit',
		data: () => ({ summary: 'Delivered the planned releases on time', rating: 4 })
	},
	{
		stages: ['calibration'],
		statePath: 'managerEvaluation',
		event: 'submit',
		data: () => ({ rating: 4, comment: 'Reliable delivery, good reviews from the team' })
	}
];
