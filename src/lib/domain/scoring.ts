/**
 * Scoring an evaluation with a weighting scheme: score = Σ weight × capped attainment, a
 * grade from the scheme's bands, and an outcome proposal from its rules. Finalised
 * evaluations are snapshots that keep the scheme id and version they were scored with, so a
 * later weighting swap re-scores only live ones.
 */
import {
	DEFAULT_ATTAINMENT_CAP,
	selectScheme,
	type GradeBand,
	type OutcomeRule,
	type SchemeContext,
	type WeightingScheme
} from './weighting';
import type { IsoDate } from './dates';

/** Attainment (percent of target, may exceed 100) per weighting item key; null = no data. */
export type Attainments = Readonly<Record<string, number | null | undefined>>;

/** One item's part of a score. */
export interface ScoredItem {
	readonly key: string;
	readonly weight: number;
	readonly attainment: number | null;
	/** Attainment after capping to 0…cap. */
	readonly counted: number;
	/** weight × counted / 100, in score points. */
	readonly contribution: number;
}

/** What a grade proposes. It always needs a human approval before it changes pay or promotion. */
export interface OutcomeProposal {
	readonly grade: string;
	readonly raiseMinPercent: number;
	readonly raiseMaxPercent: number;
	readonly promotionEligible: boolean;
	readonly requiresApproval: true;
}

/** The result of scoring. */
export interface ScoreResult {
	readonly schemeId: string;
	readonly schemeVersion: number;
	/** 0 … cap (120 by default), rounded to two decimals. */
	readonly score: number;
	readonly grade: GradeBand | null;
	readonly outcome: OutcomeProposal | null;
	readonly items: readonly ScoredItem[];
	/** Items with no attainment; they count as 0. */
	readonly missing: readonly string[];
	/**
	 * False when no item has an attainment at all (no goal or metric value behind any of
	 * them): there is nothing to grade yet, so grade and outcome are null rather than the
	 * lowest band, and the score is only a placeholder 0.
	 */
	readonly isScored: boolean;
}

/** The grade band a score falls in: the highest band whose minimum it reaches. */
export function gradeFor(bands: readonly GradeBand[], score: number): GradeBand | null {
	let best: GradeBand | null = null;
	for (const band of bands) {
		if (score >= band.minScore && (!best || band.minScore > best.minScore)) best = band;
	}
	return best;
}

/** The outcome proposal for a grade, or null when the scheme has no rule for it. */
export function outcomeFor(rules: readonly OutcomeRule[], grade: string): OutcomeProposal | null {
	const rule = rules.find((r) => r.grade === grade);
	if (!rule) return null;
	return {
		grade,
		raiseMinPercent: rule.raiseMinPercent,
		raiseMaxPercent: rule.raiseMaxPercent,
		promotionEligible: rule.promotionEligible,
		requiresApproval: true
	};
}

/**
 * Scores attainments with a (valid) scheme. Each item counts with its attainment clamped to
 * 0 … `attainmentCap` (default 120 %); missing items count as 0 and are listed. With every
 * item missing there is no grade (see {@link ScoreResult.isScored}).
 */
export function scoreEvaluation(scheme: WeightingScheme, attainments: Attainments): ScoreResult {
	const cap = scheme.attainmentCap ?? DEFAULT_ATTAINMENT_CAP;
	const missing: string[] = [];
	const items = scheme.items.map((item): ScoredItem => {
		const raw = attainments[item.key];
		const attainment = raw === undefined || raw === null || !Number.isFinite(raw) ? null : raw;
		if (attainment === null) missing.push(item.key);
		const counted = attainment === null ? 0 : Math.min(cap, Math.max(0, attainment));
		return {
			key: item.key,
			weight: item.weight,
			attainment,
			counted,
			contribution: (item.weight * counted) / 100
		};
	});
	const score = Math.round(items.reduce((sum, item) => sum + item.contribution, 0) * 100) / 100;
	const isScored = missing.length < items.length;
	const grade = isScored ? gradeFor(scheme.bands, score) : null;
	return {
		schemeId: scheme.id,
		schemeVersion: scheme.version,
		score,
		grade,
		outcome: grade ? outcomeFor(scheme.outcomes, grade.grade) : null,
		items,
		missing,
		isScored
	};
}

/** An evaluation of one employee in one cycle, live (still re-scored) or finalised (frozen). */
export interface EvaluationSnapshot {
	readonly evaluationId: string;
	readonly employeeId: string;
	readonly cycleId: string;
	readonly status: 'live' | 'finalised';
	/** The inputs the score was computed from, kept so that it can be re-computed and audited. */
	readonly attainments: Attainments;
	readonly result: ScoreResult;
	/** ISO instant of the last computation. */
	readonly computedAt: string;
	readonly finalisedAt?: string;
	readonly finalisedBy?: string;
}

/** Freezes a live evaluation. Finalising twice keeps the first snapshot. */
export function finaliseEvaluation(
	evaluation: EvaluationSnapshot,
	by: { readonly who: string; readonly at: string }
): EvaluationSnapshot {
	if (evaluation.status === 'finalised') return evaluation;
	return { ...evaluation, status: 'finalised', finalisedAt: by.at, finalisedBy: by.who };
}

/** One live evaluation that a swap re-scores, with its score before and after. */
export interface Rescore {
	readonly evaluation: EvaluationSnapshot;
	readonly before: ScoreResult;
	readonly after: ScoreResult;
	readonly updated: EvaluationSnapshot;
}

/** What a weighting swap does to a set of evaluations. */
export interface SchemeSwapPlan {
	/** Live evaluations whose scheme in effect changed: re-scored. */
	readonly rescored: readonly Rescore[];
	/** Live evaluations whose scheme in effect is the one they already have. */
	readonly unchanged: readonly EvaluationSnapshot[];
	/** Finalised evaluations: they keep their scheme version and score. */
	readonly kept: readonly EvaluationSnapshot[];
	/** Live evaluations for which no scheme applies any more. */
	readonly unscoped: readonly EvaluationSnapshot[];
}

/**
 * Plans a weighting swap: with `schemes` as they are after the swap, picks the scheme in
 * effect on `date` for each live evaluation and re-scores those whose scheme id or version
 * changed. Finalised evaluations are never touched.
 */
export function planSchemeSwap(input: {
	readonly evaluations: readonly EvaluationSnapshot[];
	readonly schemes: readonly WeightingScheme[];
	readonly contextOf: (evaluation: EvaluationSnapshot) => SchemeContext;
	readonly date: IsoDate;
	/** ISO instant recorded as `computedAt` on re-scored evaluations. */
	readonly at: string;
	/**
	 * Inputs for the new scheme, when its items differ (profit per user replacing new users);
	 * defaults to the evaluation's stored attainments.
	 */
	readonly attainmentsFor?: (
		evaluation: EvaluationSnapshot,
		scheme: WeightingScheme
	) => Attainments;
}): SchemeSwapPlan {
	const rescored: Rescore[] = [];
	const unchanged: EvaluationSnapshot[] = [];
	const kept: EvaluationSnapshot[] = [];
	const unscoped: EvaluationSnapshot[] = [];
	for (const evaluation of input.evaluations) {
		if (evaluation.status === 'finalised') {
			kept.push(evaluation);
			continue;
		}
		const scheme = selectScheme(input.schemes, input.contextOf(evaluation), input.date);
		if (!scheme) {
			unscoped.push(evaluation);
			continue;
		}
		const before = evaluation.result;
		if (scheme.id === before.schemeId && scheme.version === before.schemeVersion) {
			unchanged.push(evaluation);
			continue;
		}
		const after = scoreEvaluation(scheme, evaluation.attainments);
		rescored.push({
			evaluation,
			before,
			after,
			updated: { ...evaluation, result: after, computedAt: input.at }
		});
	}
	return { rescored, unchanged, kept, unscoped };
}
