/**
 * Metric time series for trend charts and alerts: one subject's values bucketed by day, week
 * or month (the domain's bucketing), with "declined N periods running" alerts.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { trendAlerts, type TrendAlert } from '../../../domain/analytics';
import type { Aggregation, Direction } from '../../../domain/metrics';
import { bucketByPeriod, type BucketPeriod, type PeriodBucket } from '../../../domain/periods';
import { AppError } from '../../runtime/errors';
import { transaction, type Db } from '../db';

export type SeriesQuery = {
	metricKey: string;
	subjectId: string;
	from: string;
	to: string;
	period: BucketPeriod;
	timeZone?: string;
};

export type MetricSeries = {
	metricKey: string;
	subjectId: string;
	aggregation: Aggregation;
	direction: Direction;
	buckets: PeriodBucket[];
	alerts: TrendAlert[];
};

/** The series inside an open transaction (used by reports). */
export async function metricSeriesIn(
	db: Db,
	orgId: string,
	query: SeriesQuery
): Promise<MetricSeries> {
	const metrics = await db.query<{ id: string; aggregation: Aggregation; direction: Direction }>(
		'select id, aggregation, direction from metric_definition where organisation_id = $1 and key = $2',
		[orgId, query.metricKey]
	);
	const metric = metrics[0];
	if (!metric) throw AppError.notFound('metric', query.metricKey);
	const values = await db.query<{ at: string; value: number }>(
		`select at::text, value from metric_value where organisation_id = $1 and metric_id = $2
		 and subject_id = $3 and at between $4 and $5 order by at`,
		[orgId, metric.id, query.subjectId, query.from, query.to]
	);
	const buckets = bucketByPeriod(values, {
		period: query.period,
		timeZone: query.timeZone ?? 'UTC',
		aggregation: metric.aggregation,
		fillFrom: query.from,
		fillTo: query.to
	});
	const series = buckets.map((b) => b.value);
	const oriented = metric.direction === 'lower_is_better' ? series.map((v) => -v) : series;
	return {
		metricKey: query.metricKey,
		subjectId: query.subjectId,
		aggregation: metric.aggregation,
		direction: metric.direction,
		buckets,
		alerts: trendAlerts({ series: oriented })
	};
}

/** One subject's series of a metric, bucketed, with trend alerts. */
export async function metricSeries(
	em: EntityManager,
	orgId: string,
	query: SeriesQuery
): Promise<MetricSeries> {
	return transaction(em, (db) => metricSeriesIn(db, orgId, query));
}
