/**
 * What the scale generator hands out per job family: departments, the key result an
 * individual contributor carries (and the daily range of its metric), job titles.
 */
import type { KeyResultMetric } from '../progress';
import type { LocalizedText } from '../result';

/** A family's key result and the range of its daily metric values. */
export interface FamilyKeyResult {
	readonly metric: KeyResultMetric;
	readonly title: LocalizedText;
	/** Daily value range; a maximum below 1 is the probability of one event that day. */
	readonly daily: readonly [number, number];
	readonly weekdaysOnly: boolean;
}

export const DEPARTMENTS: readonly [family: string, en: string, zh: string][] = [
	['sales', 'Sales', '销售部'],
	['engineering', 'Engineering', '研发部'],
	['product', 'Product', '产品部'],
	['marketing', 'Marketing', '市场部'],
	['userops', 'User Operations', '用户运营部'],
	['hr', 'HR', '人力资源部']
];

/** Per job family: the key result an individual contributor carries and how values look. */
export const FAMILY_KR: Readonly<Record<string, FamilyKeyResult>> = {
	sales: {
		metric: {
			metricKey: 'sales_amount',
			baseline: 0,
			target: 1_500_000,
			window: { kind: 'calendar', period: 'month' }
		},
		title: { en: 'Monthly sales 1.5M', 'zh-CN': '月销售额150万' },
		daily: [40_000, 100_000],
		weekdaysOnly: true
	},
	engineering: {
		metric: {
			metricKey: 'commit_count',
			baseline: 0,
			target: 40,
			window: { kind: 'calendar', period: 'week' }
		},
		title: { en: '40 commits a week', 'zh-CN': '每周提交40次' },
		daily: [4, 12],
		weekdaysOnly: true
	},
	product: {
		metric: {
			metricKey: 'feature_releases',
			baseline: 0,
			target: 2,
			window: { kind: 'calendar', period: 'month' }
		},
		title: { en: '2 iterations a month', 'zh-CN': '每月2次迭代' },
		daily: [0, 0.15],
		weekdaysOnly: true
	},
	marketing: {
		metric: {
			metricKey: 'new_registrations',
			baseline: 0,
			target: 3_000,
			window: { kind: 'calendar', period: 'month' }
		},
		title: { en: '3,000 registrations a month', 'zh-CN': '每月新增注册3000' },
		daily: [60, 140],
		weekdaysOnly: false
	},
	userops: {
		metric: {
			metricKey: 'customer_visits',
			baseline: 0,
			target: 20,
			window: { kind: 'calendar', period: 'month' }
		},
		title: { en: '20 user interviews a month', 'zh-CN': '每月20次用户访谈' },
		daily: [0, 2],
		weekdaysOnly: true
	},
	hr: {
		metric: {
			metricKey: 'task_completion_rate',
			baseline: 0,
			target: 90,
			window: { kind: 'trailing', days: 7 }
		},
		title: { en: 'Case completion 90%', 'zh-CN': '事务完成率90%' },
		daily: [80, 98],
		weekdaysOnly: true
	}
};

export const TITLES: Readonly<Record<string, [LocalizedText, LocalizedText]>> = {
	executive: [
		{ en: 'Chief Executive Officer', 'zh-CN': '首席执行官' },
		{ en: 'Chief Executive Officer', 'zh-CN': '首席执行官' }
	],
	sales: [
		{ en: 'Sales Manager', 'zh-CN': '销售经理' },
		{ en: 'Sales Representative', 'zh-CN': '销售代表' }
	],
	engineering: [
		{ en: 'Engineering Manager', 'zh-CN': '研发经理' },
		{ en: 'Software Engineer', 'zh-CN': '软件工程师' }
	],
	product: [
		{ en: 'Product Lead', 'zh-CN': '产品负责人' },
		{ en: 'Product Manager', 'zh-CN': '产品经理' }
	],
	marketing: [
		{ en: 'Marketing Manager', 'zh-CN': '市场经理' },
		{ en: 'Marketing Specialist', 'zh-CN': '市场专员' }
	],
	userops: [
		{ en: 'Operations Manager', 'zh-CN': '运营经理' },
		{ en: 'Operations Specialist', 'zh-CN': '运营专员' }
	],
	hr: [
		{ en: 'HR Manager', 'zh-CN': '人事经理' },
		{ en: 'HR Specialist', 'zh-CN': '人事专员' }
	]
};
export const UNIT_OBJECTIVE: LocalizedText = {
	en: 'Deliver our part of the annual plan',
	'zh-CN': '完成本部门年度计划'
};
