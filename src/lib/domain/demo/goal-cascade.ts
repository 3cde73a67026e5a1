/**
 * The demo's goal cascades, as the article tells them: "annual user growth 50%" decomposed
 * into product optimisation, marketing and user operations; "revenue +30%" → sales
 * department 120M → Zhang San 10M a month; product's "3 new features"; and the drafts the
 * strategy-change story activates later ("retention 80%", "profit per user +20%").
 */
import type { Goal, GoalOwner, GoalStatus } from '../goals';
import type { KeyResultMetric } from '../progress';
import type { LocalizedText } from '../result';
import type { StoryCalendar } from './calendar';

const unitOwner = (id: string): GoalOwner => ({ kind: 'unit', id });
const personOwner = (id: string): GoalOwner => ({ kind: 'person', id });
const month = { kind: 'calendar', period: 'month' } as const;

interface GoalSpec {
	readonly id: string;
	readonly title: LocalizedText;
	readonly owner: GoalOwner;
	readonly parentId: string | null;
	readonly weight: number;
	readonly metric?: KeyResultMetric;
	readonly status?: GoalStatus;
	readonly supports?: readonly string[];
	readonly category?: string;
	readonly startDate?: string;
	readonly dueDate?: string;
}

/** Builds the demo goals for the year of the story calendar. */
export function buildDemoGoals(calendar: StoryCalendar): Goal[] {
	const year = calendar.year;
	const yearStart = `${year}-01-01`;
	const yearEnd = `${year}-12-31`;
	const o = (spec: GoalSpec): Goal => ({
		kind: spec.metric ? 'key_result' : 'objective',
		startDate: spec.startDate ?? yearStart,
		dueDate: spec.dueDate ?? yearEnd,
		status: spec.status ?? 'active',
		supports: spec.supports ?? [],
		...spec
	});
	const midYear = `${year}-07-01`;
	const collaboration = (person: string, en: string, zh: string, parentId: string): Goal[] => {
		const slug = person.slice('emp-'.length);
		return [
			o({
				id: `g-${slug}-collaboration`,
				title: { en: `${en}: work well with others`, 'zh-CN': `${zh}：良好协作` },
				owner: personOwner(person),
				parentId,
				weight: 0,
				category: 'collaboration'
			}),
			o({
				id: `kr-${slug}-peer-feedback`,
				title: { en: '90% positive peer feedback', 'zh-CN': '同事互评好评率90%' },
				owner: personOwner(person),
				parentId: `g-${slug}-collaboration`,
				weight: 1,
				metric: {
					metricKey: 'peer_feedback',
					baseline: 0,
					target: 90,
					window: { kind: 'trailing', days: 90 }
				},
				category: 'collaboration'
			})
		];
	};
	return [
		// Growth strategy
		o({
			id: 'g-user-growth',
			title: { en: 'Annual user growth 50%', 'zh-CN': '年度用户增长50%' },
			owner: unitOwner('co'),
			parentId: null,
			weight: 1,
			category: 'growth'
		}),
		o({
			id: 'g-product-optimisation',
			title: { en: 'Product optimisation', 'zh-CN': '产品优化' },
			owner: unitOwner('dept-product'),
			parentId: 'g-user-growth',
			weight: 40
		}),
		o({
			id: 'kr-core-iterations',
			title: { en: '2 core feature iterations a month', 'zh-CN': '每月完成2次核心功能迭代' },
			owner: personOwner('emp-qian-jin'),
			parentId: 'g-product-optimisation',
			weight: 60,
			// The article's first iteration is due at the end of March; the KR then runs monthly.
			metric: { metricKey: 'feature_releases', baseline: 0, target: 2, window: month },
			supports: ['kr-registrations'],
			category: 'delivery'
		}),
		o({
			id: 'kr-satisfaction',
			title: { en: 'User satisfaction 90%', 'zh-CN': '用户满意度达到90%' },
			owner: unitOwner('dept-product'),
			parentId: 'g-product-optimisation',
			weight: 40,
			metric: {
				metricKey: 'user_satisfaction',
				baseline: 80,
				target: 90,
				window: { kind: 'goal' },
				subjectId: 'dept-product'
			},
			category: 'quality'
		}),
		o({
			id: 'g-marketing',
			title: { en: 'Marketing', 'zh-CN': '市场推广' },
			owner: unitOwner('dept-marketing'),
			parentId: 'g-user-growth',
			weight: 35
		}),
		o({
			id: 'kr-registrations',
			title: { en: '100k new registered users a month', 'zh-CN': '每月新增注册用户10万' },
			owner: unitOwner('dept-marketing'),
			parentId: 'g-marketing',
			weight: 60,
			metric: { metricKey: 'new_registrations', baseline: 0, target: 100_000, window: month },
			category: 'new_users'
		}),
		o({
			id: 'kr-brand-exposure',
			title: { en: 'Brand exposure +200%', 'zh-CN': '品牌曝光量提升200%' },
			owner: unitOwner('dept-marketing'),
			parentId: 'g-marketing',
			weight: 40,
			// Baseline: 1M impressions a month last year; +200 % is 3M.
			metric: {
				metricKey: 'brand_exposure',
				baseline: 1_000_000,
				target: 3_000_000,
				window: month
			},
			category: 'brand'
		}),
		o({
			id: 'g-user-operations',
			title: { en: 'User operations', 'zh-CN': '用户运营' },
			owner: unitOwner('dept-userops'),
			parentId: 'g-user-growth',
			weight: 25
		}),
		o({
			id: 'kr-active-users',
			title: { en: 'Active users from 200k to 300k', 'zh-CN': '活跃用户从20万增长到30万' },
			owner: unitOwner('dept-userops'),
			parentId: 'g-user-operations',
			weight: 1,
			metric: {
				metricKey: 'active_users',
				baseline: 200_000,
				target: 300_000,
				window: { kind: 'goal' },
				subjectId: 'co'
			},
			category: 'new_users'
		}),
		// Revenue
		o({
			id: 'g-revenue',
			title: { en: 'Revenue +30%', 'zh-CN': '营收增长30%' },
			owner: unitOwner('co'),
			parentId: null,
			weight: 1,
			category: 'revenue'
		}),
		o({
			id: 'g-sales-120m',
			title: { en: 'Sales department: 120M in sales', 'zh-CN': '销售部全年销售额1.2亿' },
			owner: unitOwner('dept-sales'),
			parentId: 'g-revenue',
			weight: 70
		}),
		o({
			id: 'kr-sales-annual',
			title: { en: '120M sales this year', 'zh-CN': '全年销售额1.2亿' },
			owner: unitOwner('dept-sales'),
			parentId: 'g-sales-120m',
			weight: 1,
			metric: {
				metricKey: 'sales_amount',
				baseline: 0,
				target: 120_000_000,
				window: { kind: 'goal' }
			},
			category: 'sales'
		}),
		o({
			id: 'g-zhang-san-sales',
			title: { en: 'Zhang San: monthly sales target', 'zh-CN': '张三：月度销售目标' },
			owner: personOwner('emp-zhang-san'),
			parentId: 'g-sales-120m',
			weight: 2
		}),
		o({
			id: 'kr-zhang-san-10m',
			title: { en: '10M in sales a month', 'zh-CN': '每月销售额1000万' },
			owner: personOwner('emp-zhang-san'),
			parentId: 'g-zhang-san-sales',
			weight: 80,
			metric: { metricKey: 'sales_amount', baseline: 0, target: 10_000_000, window: month },
			category: 'sales'
		}),
		o({
			id: 'kr-zhang-san-visits',
			title: { en: '40 customer visits a month', 'zh-CN': '每月拜访客户40次' },
			owner: personOwner('emp-zhang-san'),
			parentId: 'g-zhang-san-sales',
			weight: 20,
			metric: { metricKey: 'customer_visits', baseline: 0, target: 40, window: month },
			category: 'visits'
		}),
		o({
			id: 'g-wang-wu-sales',
			title: { en: 'Wang Wu: monthly sales target', 'zh-CN': '王五：月度销售目标' },
			owner: personOwner('emp-wang-wu'),
			parentId: 'g-sales-120m',
			weight: 1,
			supports: ['kr-brand-exposure']
		}),
		o({
			id: 'kr-wang-wu-2m',
			title: { en: '2M in sales a month', 'zh-CN': '每月销售额200万' },
			owner: personOwner('emp-wang-wu'),
			parentId: 'g-wang-wu-sales',
			weight: 1,
			metric: { metricKey: 'sales_amount', baseline: 0, target: 2_000_000, window: month },
			category: 'sales'
		}),
		o({
			id: 'g-product-features',
			title: { en: 'Product: features that sell', 'zh-CN': '产品部：支撑销售的新功能' },
			owner: unitOwner('dept-product'),
			parentId: 'g-revenue',
			weight: 30
		}),
		o({
			id: 'kr-three-features',
			title: { en: '3 new features', 'zh-CN': '上线3个新功能' },
			owner: unitOwner('dept-product'),
			parentId: 'g-product-features',
			weight: 1,
			metric: {
				metricKey: 'feature_releases',
				baseline: 0,
				target: 3,
				window: { kind: 'goal' },
				subjectId: 'dept-product'
			},
			category: 'delivery'
		}),
		o({
			id: 'g-li-si-delivery',
			title: { en: 'Li Si: reliable delivery', 'zh-CN': '李四：稳定交付' },
			owner: personOwner('emp-li-si'),
			parentId: 'g-product-features',
			weight: 0,
			supports: ['kr-three-features'],
			category: 'personal'
		}),
		o({
			id: 'kr-li-si-completion',
			title: { en: 'Task completion rate 90%', 'zh-CN': '任务完成率90%' },
			owner: personOwner('emp-li-si'),
			parentId: 'g-li-si-delivery',
			weight: 1,
			metric: {
				metricKey: 'task_completion_rate',
				baseline: 0,
				target: 90,
				window: { kind: 'trailing', days: 7 }
			},
			category: 'delivery'
		}),
		// Collaboration: the story people's peer feedback, the evaluations' collaboration item.
		// Weight 0 under their department's objective: it is judged, not rolled up.
		...collaboration('emp-zhang-san', 'Zhang San', '张三', 'g-sales-120m'),
		...collaboration('emp-wang-wu', 'Wang Wu', '王五', 'g-sales-120m'),
		...collaboration('emp-li-si', 'Li Si', '李四', 'g-product-features'),
		// Strategy change (drafts until HR activates them)
		o({
			id: 'g-retention',
			title: { en: 'Retention 80%', 'zh-CN': '用户留存率80%' },
			owner: unitOwner('co'),
			parentId: null,
			weight: 1,
			status: 'draft',
			startDate: midYear,
			category: 'retention'
		}),
		o({
			id: 'kr-retention',
			title: { en: 'Monthly retention 80%', 'zh-CN': '月留存率达到80%' },
			owner: unitOwner('dept-userops'),
			parentId: 'g-retention',
			weight: 1,
			status: 'draft',
			startDate: midYear,
			metric: {
				metricKey: 'retention_rate',
				baseline: 60,
				target: 80,
				window: month,
				subjectId: 'co'
			},
			category: 'retention'
		}),
		o({
			id: 'kr-profit-per-user',
			title: { en: 'Profit per user +20%', 'zh-CN': '单用户利润提升20%' },
			owner: unitOwner('dept-userops'),
			parentId: 'g-retention',
			weight: 1,
			status: 'draft',
			startDate: midYear,
			metric: {
				metricKey: 'profit_per_user',
				baseline: 10,
				target: 12,
				window: month,
				subjectId: 'co'
			},
			category: 'profit_per_user'
		})
	];
}
