/** A small cascade for the helpers' tests: company → sales → Zhang San, plus marketing. */
import type { CascadeGoal } from './types';

export function goal(
	id: string,
	parentId: string | null,
	extra: Partial<CascadeGoal> & { level?: CascadeGoal['owner']['level']; dept?: string } = {}
): CascadeGoal {
	const { level = 'department', dept = 'sales', ...rest } = extra;
	return {
		id,
		kind: 'objective',
		title: { en: id },
		parentId,
		status: 'active',
		weight: 1,
		startDate: '2026-01-01',
		dueDate: '2026-12-31',
		owner: {
			kind: level === 'person' ? 'person' : 'unit',
			id: `${id}-owner`,
			name: `${id} owner`,
			level,
			departmentId: level === 'company' ? null : dept,
			departmentName: level === 'company' ? null : dept.toUpperCase()
		},
		progress: 50,
		attainment: 50,
		current: null,
		metric: null,
		manual: null,
		supports: [],
		...rest
	};
}

export const cascade: CascadeGoal[] = [
	goal('revenue', null, { level: 'company' }),
	goal('sales', 'revenue'),
	goal('zhang', 'sales', { level: 'person' }),
	goal('zhang-10m', 'zhang', { kind: 'key_result', level: 'person', dueDate: '2026-03-31' }),
	goal('growth', null, { level: 'company' }),
	goal('marketing', 'growth', { dept: 'marketing' }),
	goal('registrations', 'marketing', {
		kind: 'key_result',
		dept: 'marketing',
		supports: ['sales']
	})
];
