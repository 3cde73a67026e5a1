/**
 * The JSON API's request shapes. They check form (types, required fields, enums); the domain
 * services check meaning (cycles, weights summing to 100, unknown references) and answer with
 * their own field paths.
 */
import { z } from 'zod';
import { GOAL_KINDS, GOAL_STATUSES } from '../../domain/goals';
import { AGGREGATIONS, DIRECTIONS, PERIODS } from '../../domain/metrics';
import { GOAL_VISIBILITIES } from '../domain/goals/rows';

const uuid = z.uuid();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const text = z.union([z.string().min(1), z.record(z.string(), z.string())]);
/** Text in one language becomes `{ en: text }`. */
export const localized = text.transform((value) =>
	typeof value === 'string' ? { en: value } : value
);
const why = z.string().trim().min(1, 'say why the goal changes');

const metricWindow = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('goal') }),
	z.object({ kind: z.literal('calendar'), period: z.enum(PERIODS) }),
	z.object({ kind: z.literal('trailing'), days: z.number().int().positive() })
]);

export const goalCreateSchema = z.object({
	kind: z.enum(GOAL_KINDS),
	title: localized,
	owner: z.object({ kind: z.enum(['person', 'unit']), id: uuid }),
	parentId: uuid.nullable().default(null),
	startDate: isoDate,
	dueDate: isoDate,
	weight: z.number().nonnegative().default(1),
	status: z.enum(GOAL_STATUSES).optional(),
	category: z.string().min(1).optional(),
	supports: z.array(uuid).optional(),
	visibility: z.enum(GOAL_VISIBILITIES).default('visible'),
	why: z.string().trim().min(1).default('created through the API'),
	metric: z
		.object({
			metricKey: z.string().min(1),
			baseline: z.number(),
			target: z.number(),
			window: metricWindow.default({ kind: 'goal' }),
			direction: z.enum(DIRECTIONS).optional(),
			aggregation: z.enum(AGGREGATIONS).optional(),
			subjectId: uuid.optional()
		})
		.optional(),
	/** A key result without a metric, measured by hand against a target. */
	manual: z.object({ baseline: z.number().default(0), target: z.number() }).optional()
});

export const goalChangeSchema = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('retarget'),
		why,
		target: z.number().optional(),
		startDate: isoDate.optional(),
		dueDate: isoDate.optional()
	}),
	z.object({ kind: z.literal('reweight'), why, weight: z.number().nonnegative() }),
	z.object({ kind: z.literal('reparent'), why, parentId: uuid.nullable() }),
	z.object({ kind: z.literal('archive'), why }),
	z.object({ kind: z.literal('relink'), why, supports: z.array(uuid) }),
	z.object({ kind: z.literal('progress'), why, value: z.number() })
]);

const metricUnit = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('currency'),
		code: z.string().length(3),
		decimals: z.number().int().min(0)
	}),
	z.object({ kind: z.literal('percent'), decimals: z.number().int().min(0) }),
	z.object({
		kind: z.literal('quantity'),
		label: z.string(),
		decimals: z.number().int().min(0)
	})
]);

const metricFields = {
	name: localized,
	description: localized.optional(),
	unit: metricUnit,
	aggregation: z.enum(AGGREGATIONS),
	period: z.enum(PERIODS),
	direction: z.enum(DIRECTIONS),
	formula: z.string().min(1).optional()
};

export const metricCreateSchema = z.object({
	key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower case letters, digits and _ ; a letter first'),
	...metricFields
});

export const metricPatchSchema = z
	.object(metricFields)
	.partial()
	.refine((patch) => Object.keys(patch).length > 0, 'nothing to change');

/** One value as the API takes it (`line` is its index in a bulk body). */
export const metricValueSchema = z
	.object({
		metric: z.string().min(1),
		person: z.string().min(1).optional(),
		unit: z.string().min(1).optional(),
		date: z.string().min(1),
		value: z.union([z.number(), z.string()]),
		sourceId: z.string().min(1).optional()
	})
	.refine((v) => v.person !== undefined || v.unit !== undefined, {
		message: 'give person or unit',
		path: ['person']
	});

export const seriesQuerySchema = z.object({
	subject: uuid,
	from: isoDate,
	to: isoDate,
	period: z.enum(['day', 'week', 'month']).default('week'),
	timeZone: z.string().optional()
});

const schemeFields = {
	key: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lower case letters, digits, - and _'),
	name: localized,
	effectiveFrom: isoDate,
	scope: z
		.object({
			orgUnitId: uuid.optional(),
			jobFamily: z.string().min(1).optional(),
			cycleId: z.string().min(1).optional()
		})
		.default({}),
	items: z
		.array(
			z.object({
				key: z.string().min(1),
				label: localized,
				source: z.discriminatedUnion('kind', [
					z.object({ kind: z.literal('metric'), metricKey: z.string().min(1) }),
					z.object({ kind: z.literal('goal_category'), category: z.string().min(1) })
				]),
				weight: z.number()
			})
		)
		.min(1),
	bands: z
		.array(z.object({ grade: z.string().min(1), minScore: z.number(), label: localized }))
		.min(1),
	outcomes: z
		.array(
			z.object({
				grade: z.string().min(1),
				raiseMinPercent: z.number(),
				raiseMaxPercent: z.number(),
				promotionEligible: z.boolean()
			})
		)
		.default([]),
	attainmentCap: z.number().positive().optional()
};

export const schemePublishSchema = z.object(schemeFields);

export const schemeSwapSchema = z.object({
	...schemeFields,
	replaces: z.string().min(1).optional(),
	why: z.string().trim().min(1, 'say why the scheme is swapped')
});
