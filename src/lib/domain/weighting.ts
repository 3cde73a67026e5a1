/**
 * Weighting schemes: which KPIs an evaluation scores and how much each counts. A scheme is
 * data, versioned and effective from a date, scoped to an org unit, job family and/or cycle,
 * so admins swap it at run time (growth → profit strategy) without a deploy.
 */
import { compareDates, isIsoDate, type IsoDate } from './dates';
import { fromIssues, type DomainIssue, type LocalizedText, type Result } from './result';

/** Where a scheme applies. An absent field matches everything. */
export interface WeightingScope {
	/** Applies to this unit and every unit below it. */
	readonly orgUnitId?: string;
	readonly jobFamily?: string;
	readonly cycleId?: string;
}

/** What an item's attainment is measured from: a metric, or the goals of a category. */
export type WeightingSource =
	| { readonly kind: 'metric'; readonly metricKey: string }
	| { readonly kind: 'goal_category'; readonly category: string };

/** One weighted KPI. `weight` is a percentage; a scheme's weights sum to 100. */
export interface WeightingItem {
	readonly key: string;
	readonly label: LocalizedText;
	readonly source: WeightingSource;
	readonly weight: number;
}

/** A grade awarded from `minScore` up (to the next band). */
export interface GradeBand {
	readonly grade: string;
	readonly minScore: number;
	readonly label: LocalizedText;
}

/** What a grade proposes: a raise range in percent and whether promotion is open. */
export interface OutcomeRule {
	readonly grade: string;
	readonly raiseMinPercent: number;
	readonly raiseMaxPercent: number;
	readonly promotionEligible: boolean;
}

/** One version of a weighting scheme. (`id`, `version`) identifies it. */
export interface WeightingScheme {
	readonly id: string;
	readonly version: number;
	readonly name: LocalizedText;
	readonly effectiveFrom: IsoDate;
	readonly scope: WeightingScope;
	readonly items: readonly WeightingItem[];
	readonly bands: readonly GradeBand[];
	readonly outcomes: readonly OutcomeRule[];
	/** Highest attainment an item may count with, in percent (default {@link DEFAULT_ATTAINMENT_CAP}). */
	readonly attainmentCap?: number;
}

/**
 * Over-achievement counts, up to 120 % per item: one runaway KPI must not hide a missed one
 * (Zhang San's 110 % of sales cannot make up for a KPI at zero on its own).
 */
export const DEFAULT_ATTAINMENT_CAP = 120;

/** The standard bands of the annual cycle: ≥ 90 Excellent, ≥ 75 Good, ≥ 60 Meets, else Below. */
export const STANDARD_BANDS: readonly GradeBand[] = [
	{ grade: 'excellent', minScore: 90, label: { en: 'Excellent', 'zh-CN': '优秀' } },
	{ grade: 'good', minScore: 75, label: { en: 'Good', 'zh-CN': '良好' } },
	{ grade: 'meets', minScore: 60, label: { en: 'Meets expectations', 'zh-CN': '合格' } },
	{ grade: 'below', minScore: 0, label: { en: 'Below expectations', 'zh-CN': '待改进' } }
];

const SUM_TOLERANCE = 1e-6;

/**
 * Checks a scheme: weights are ≥ 0 and sum to 100 (refused naming the scheme and the sum),
 * item keys unique, bands distinct with one starting at 0, outcome rules for known grades
 * with min ≤ max.
 */
export function validateWeightingScheme(scheme: WeightingScheme): Result<WeightingScheme> {
	const issues: DomainIssue[] = [];
	const at = (field: string) => `schemes.${scheme.id}.${field}`;
	const ref = { scheme: scheme.id, version: scheme.version };
	if (!isIsoDate(scheme.effectiveFrom)) {
		issues.push({
			code: 'weighting.bad_date',
			path: at('effectiveFrom'),
			message: `Bad effective date ${scheme.effectiveFrom}`,
			params: ref
		});
	}
	if (!Number.isInteger(scheme.version) || scheme.version < 1) {
		issues.push({
			code: 'weighting.bad_version',
			path: at('version'),
			message: 'A version is a whole number ≥ 1',
			params: ref
		});
	}
	const keys = new Set<string>();
	scheme.items.forEach((item, i) => {
		if (keys.has(item.key)) {
			issues.push({
				code: 'weighting.duplicate_item',
				path: at(`items.${i}.key`),
				message: `Item ${item.key} appears twice`,
				params: { ...ref, item: item.key }
			});
		}
		keys.add(item.key);
		if (!Number.isFinite(item.weight) || item.weight < 0) {
			issues.push({
				code: 'weighting.bad_weight',
				path: at(`items.${i}.weight`),
				message: `Weight of ${item.key} must be ≥ 0`,
				params: { ...ref, item: item.key }
			});
		}
	});
	const sum = scheme.items.reduce((total, item) => total + item.weight, 0);
	if (Math.abs(sum - 100) > SUM_TOLERANCE) {
		issues.push({
			code: 'weighting.sum_not_100',
			path: at('items'),
			message: `Weights of scheme ${scheme.id} v${scheme.version} sum to ${sum}, not 100`,
			params: { ...ref, sum }
		});
	}
	const grades = new Set<string>();
	const minimums = new Set<number>();
	scheme.bands.forEach((band, i) => {
		if (grades.has(band.grade) || minimums.has(band.minScore)) {
			issues.push({
				code: 'weighting.duplicate_band',
				path: at(`bands.${i}`),
				message: `Band ${band.grade} repeats a grade or a threshold`,
				params: { ...ref, grade: band.grade }
			});
		}
		grades.add(band.grade);
		minimums.add(band.minScore);
	});
	if (!scheme.bands.some((band) => band.minScore <= 0)) {
		issues.push({
			code: 'weighting.no_floor_band',
			path: at('bands'),
			message: 'One band must start at 0 so that every score has a grade',
			params: ref
		});
	}
	scheme.outcomes.forEach((rule, i) => {
		if (!grades.has(rule.grade)) {
			issues.push({
				code: 'weighting.unknown_grade',
				path: at(`outcomes.${i}.grade`),
				message: `Outcome for unknown grade ${rule.grade}`,
				params: { ...ref, grade: rule.grade }
			});
		}
		if (rule.raiseMinPercent > rule.raiseMaxPercent) {
			issues.push({
				code: 'weighting.bad_raise_range',
				path: at(`outcomes.${i}`),
				message: `Raise range of ${rule.grade} has min above max`,
				params: { ...ref, grade: rule.grade }
			});
		}
	});
	if (scheme.attainmentCap !== undefined && !(scheme.attainmentCap >= 100)) {
		issues.push({
			code: 'weighting.bad_cap',
			path: at('attainmentCap'),
			message: 'The attainment cap is at least 100 %',
			params: ref
		});
	}
	return fromIssues(scheme, issues);
}

/** Who and when a scheme is being chosen for. */
export interface SchemeContext {
	/** The employee's unit and its ancestors, nearest first (see `unitAncestry`). */
	readonly unitAncestry: readonly string[];
	readonly jobFamily: string;
	readonly cycleId?: string;
}

/** How well a scope fits; null when it does not apply. Larger tuples are more specific. */
function specificity(
	scope: WeightingScope,
	context: SchemeContext
): [number, number, number] | null {
	if (scope.cycleId !== undefined && scope.cycleId !== context.cycleId) return null;
	if (scope.jobFamily !== undefined && scope.jobFamily !== context.jobFamily) return null;
	let unitScore = 0;
	if (scope.orgUnitId !== undefined) {
		const distance = context.unitAncestry.indexOf(scope.orgUnitId);
		if (distance < 0) return null;
		unitScore = context.unitAncestry.length - distance; // nearer unit → higher
	}
	return [scope.cycleId !== undefined ? 1 : 0, scope.jobFamily !== undefined ? 1 : 0, unitScore];
}

/**
 * The scheme in effect for an employee on `date`. Among schemes effective on or before the
 * date whose scope applies, the most specific scope wins (cycle, then job family, then the
 * nearest org unit); within one scope, the latest effective date, then the highest version.
 */
export function selectScheme(
	schemes: readonly WeightingScheme[],
	context: SchemeContext,
	date: IsoDate
): WeightingScheme | null {
	let best: { scheme: WeightingScheme; rank: [number, number, number] } | null = null;
	for (const scheme of schemes) {
		if (compareDates(scheme.effectiveFrom, date) > 0) continue;
		const rank = specificity(scheme.scope, context);
		if (!rank) continue;
		if (!best || isBetter(scheme, rank, best.scheme, best.rank)) best = { scheme, rank };
	}
	return best?.scheme ?? null;
}

function isBetter(
	a: WeightingScheme,
	rankA: [number, number, number],
	b: WeightingScheme,
	rankB: [number, number, number]
): boolean {
	for (let i = 0; i < 3; i++) {
		if ((rankA[i] as number) !== (rankB[i] as number))
			return (rankA[i] as number) > (rankB[i] as number);
	}
	const byDate = compareDates(a.effectiveFrom, b.effectiveFrom);
	if (byDate !== 0) return byDate > 0;
	return a.version > b.version;
}
