import type { Subject } from '../engine/types';

/**
 * Demo employees to simulate a cycle and preview templates with: one on track, one lagging,
 * one without a manager. Figures are made up; profit per user is in the currency of the demo.
 */
export const DEMO_SUBJECTS: readonly Subject[] = [
	{
		id: 'demo-zhang-san',
		name: 'Zhang San',
		jobTitle: 'Sales manager',
		country: 'CN',
		locale: 'zh-CN',
		managerId: 'demo-zhao-qiang',
		manager: {
			id: 'demo-zhao-qiang',
			name: 'Zhao Qiang',
			jobTitle: 'Head of sales',
			managerId: null
		},
		progress: 0.82,
		metrics: { profit_per_user: 1450, revenue: 10_400_000 },
		attributes: {}
	},
	{
		id: 'demo-li-si',
		name: 'Li Si',
		jobTitle: 'Account executive',
		country: 'CN',
		locale: 'zh-CN',
		managerId: 'demo-zhang-san',
		manager: {
			id: 'demo-zhang-san',
			name: 'Zhang San',
			jobTitle: 'Sales manager',
			managerId: null
		},
		progress: 0.18,
		metrics: { profit_per_user: 420, revenue: 1_900_000 },
		attributes: {}
	},
	{
		id: 'demo-anna-berg',
		name: 'Anna Berg',
		jobTitle: 'Product designer',
		country: 'DE',
		locale: 'en',
		managerId: null,
		manager: null,
		progress: 0.55,
		metrics: {},
		attributes: {}
	}
];

export function demoSubject(id: string | undefined): Subject {
	return DEMO_SUBJECTS.find((s) => s.id === id) ?? (DEMO_SUBJECTS[0] as Subject);
}
