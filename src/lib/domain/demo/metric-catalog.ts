/**
 * The metric definitions the demo (and the scale generator) use. Growth-strategy metrics,
 * engineering output, and the profit-strategy metrics including the derived "profit per
 * user" (单用户利润).
 */
import type { MetricDefinition } from '../metrics';

const cny = { kind: 'currency', code: 'CNY', decimals: 0 } as const;
const count = (label: string) => ({ kind: 'quantity', label, decimals: 0 }) as const;
const percent = { kind: 'percent', decimals: 1 } as const;

/** Metric definitions of the demo company. */
export const DEMO_METRICS: readonly MetricDefinition[] = [
	{
		key: 'sales_amount',
		name: { en: 'Sales amount', 'zh-CN': '销售额' },
		unit: cny,
		aggregation: 'sum',
		period: 'month',
		direction: 'higher_is_better'
	},
	{
		key: 'customer_visits',
		name: { en: 'Customer visits', 'zh-CN': '客户拜访次数' },
		unit: count('visits'),
		aggregation: 'sum',
		period: 'week',
		direction: 'higher_is_better'
	},
	{
		key: 'new_registrations',
		name: { en: 'New registered users', 'zh-CN': '新注册用户数' },
		unit: count('users'),
		aggregation: 'sum',
		period: 'month',
		direction: 'higher_is_better'
	},
	{
		key: 'brand_exposure',
		name: { en: 'Brand exposure', 'zh-CN': '品牌曝光量' },
		unit: count('impressions'),
		aggregation: 'sum',
		period: 'month',
		direction: 'higher_is_better'
	},
	{
		key: 'active_users',
		name: { en: 'Active users', 'zh-CN': '活跃用户数' },
		unit: count('users'),
		aggregation: 'last',
		period: 'month',
		direction: 'higher_is_better'
	},
	{
		key: 'retention_rate',
		name: { en: 'User retention', 'zh-CN': '用户留存率' },
		unit: percent,
		aggregation: 'last',
		period: 'month',
		direction: 'higher_is_better'
	},
	{
		key: 'user_satisfaction',
		name: { en: 'User satisfaction', 'zh-CN': '用户满意度' },
		unit: percent,
		aggregation: 'last',
		period: 'month',
		direction: 'higher_is_better'
	},
	{
		key: 'feature_releases',
		name: { en: 'Core feature iterations', 'zh-CN': '核心功能迭代次数' },
		unit: count('releases'),
		aggregation: 'sum',
		period: 'month',
		direction: 'higher_is_better'
	},
	{
		key: 'commit_count',
		name: { en: 'Commits', 'zh-CN': '代码提交次数' },
		unit: count('commits'),
		aggregation: 'sum',
		period: 'week',
		direction: 'higher_is_better'
	},
	{
		key: 'task_completion_rate',
		name: { en: 'Task completion rate', 'zh-CN': '任务完成率' },
		unit: percent,
		aggregation: 'average',
		period: 'week',
		direction: 'higher_is_better'
	},
	{
		key: 'peer_feedback',
		name: { en: 'Peer feedback (positive share)', 'zh-CN': '同事互评好评率' },
		unit: { kind: 'percent', decimals: 0 },
		aggregation: 'average',
		period: 'month',
		direction: 'higher_is_better'
	},
	{
		key: 'profit',
		name: { en: 'Profit', 'zh-CN': '利润' },
		unit: cny,
		aggregation: 'sum',
		period: 'month',
		direction: 'higher_is_better'
	},
	{
		key: 'cost',
		name: { en: 'Cost', 'zh-CN': '成本' },
		unit: cny,
		aggregation: 'sum',
		period: 'month',
		direction: 'lower_is_better'
	},
	{
		key: 'profit_per_user',
		name: { en: 'Profit per user', 'zh-CN': '单用户利润' },
		unit: { kind: 'currency', code: 'CNY', decimals: 2 },
		aggregation: 'last',
		period: 'month',
		direction: 'higher_is_better',
		formula: 'profit / active_users'
	}
];
