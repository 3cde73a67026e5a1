/**
 * The demo's weighting schemes: the growth strategy (with "new users" at 20 %), the profit
 * strategy that replaces it with "profit per user" at 40 %, and the monthly sales scheme for
 * the sales job family. Outcome rules map grades to raise ranges and promotion.
 */
import {
	STANDARD_BANDS,
	type OutcomeRule,
	type WeightingItem,
	type WeightingScheme
} from '../weighting';
import type { StoryCalendar } from './calendar';

const OUTCOMES: readonly OutcomeRule[] = [
	{ grade: 'excellent', raiseMinPercent: 8, raiseMaxPercent: 12, promotionEligible: true },
	{ grade: 'good', raiseMinPercent: 4, raiseMaxPercent: 7, promotionEligible: false },
	{ grade: 'meets', raiseMinPercent: 0, raiseMaxPercent: 3, promotionEligible: false },
	{ grade: 'below', raiseMinPercent: 0, raiseMaxPercent: 0, promotionEligible: false }
];

const goalItem = (
	key: string,
	en: string,
	zh: string,
	category: string,
	weight: number
): WeightingItem => ({
	key,
	label: { en, 'zh-CN': zh },
	source: { kind: 'goal_category', category },
	weight
});
const metricItem = (
	key: string,
	en: string,
	zh: string,
	metricKey: string,
	weight: number
): WeightingItem => ({
	key,
	label: { en, 'zh-CN': zh },
	source: { kind: 'metric', metricKey },
	weight
});

/**
 * The schemes. The profit strategy is version 2 of the company scheme, effective from the
 * first day of the current month: at `today` live evaluations score with it, while those
 * finalised earlier keep version 1.
 */
export function buildDemoSchemes(calendar: StoryCalendar): WeightingScheme[] {
	const yearStart = `${calendar.year}-01-01`;
	const growth: WeightingScheme = {
		id: 'company-annual',
		version: 1,
		name: { en: 'Annual evaluation: scale expansion', 'zh-CN': '年度考核：规模扩张' },
		effectiveFrom: yearStart,
		scope: {},
		items: [
			goalItem('goals', 'Personal goal attainment', '个人目标达成', 'personal', 40),
			metricItem('new_users', 'New users', '新增用户', 'new_registrations', 20),
			goalItem('quality', 'Quality and delivery', '质量与交付', 'delivery', 20),
			goalItem('collaboration', 'Collaboration', '协作', 'collaboration', 20)
		],
		bands: STANDARD_BANDS,
		outcomes: OUTCOMES
	};
	const profit: WeightingScheme = {
		...growth,
		version: 2,
		name: { en: 'Annual evaluation: profit', 'zh-CN': '年度考核：利润导向' },
		effectiveFrom: calendar.currentMonthStart,
		items: [
			metricItem(
				'profit_per_user',
				'Profit per user contribution',
				'单用户利润贡献',
				'profit_per_user',
				40
			),
			goalItem('goals', 'Personal goal attainment', '个人目标达成', 'personal', 30),
			goalItem('quality', 'Quality and delivery', '质量与交付', 'delivery', 15),
			goalItem('collaboration', 'Collaboration', '协作', 'collaboration', 15)
		]
	};
	const sales: WeightingScheme = {
		id: 'sales-monthly',
		version: 1,
		name: { en: 'Monthly sales evaluation', 'zh-CN': '月度销售考核' },
		effectiveFrom: yearStart,
		scope: { jobFamily: 'sales' },
		items: [
			metricItem('sales', 'Sales amount', '销售额', 'sales_amount', 70),
			metricItem('visits', 'Customer visits', '客户拜访', 'customer_visits', 15),
			goalItem('collaboration', 'Collaboration', '协作', 'collaboration', 15)
		],
		bands: STANDARD_BANDS,
		outcomes: OUTCOMES
	};
	return [growth, profit, sales];
}
