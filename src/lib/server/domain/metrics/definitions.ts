/**
 * Metric definitions are data, editable at run time: an admin adds "profit per user" as a
 * formula over profit and active users, and goals bind to it at once. Every change is checked
 * against the whole set (unknown references, formula cycles) before it is stored.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MetricDefinition } from '../../../domain/metrics';
import { validateMetricDefinitions } from '../../../domain/metric-validation';
import { AppError } from '../../runtime/errors';
import { transaction, type Db } from '../db';
import { invalid } from '../issues';

/** A stored definition: the domain's shape plus its id and edit counter. */
export type StoredMetric = MetricDefinition & { id: string; version: number };

type MetricRow = {
	id: string;
	key: string;
	name: MetricDefinition['name'];
	description: MetricDefinition['description'] | null;
	unit: MetricDefinition['unit'];
	aggregation: MetricDefinition['aggregation'];
	period: MetricDefinition['period'];
	direction: MetricDefinition['direction'];
	formula: string | null;
	version: number;
};

function fromRow(row: MetricRow): StoredMetric {
	return {
		id: row.id,
		version: row.version,
		key: row.key,
		name: row.name,
		unit: row.unit,
		aggregation: row.aggregation,
		period: row.period,
		direction: row.direction,
		...(row.formula ? { formula: row.formula } : {}),
		...(row.description ? { description: row.description } : {})
	};
}

/** Every metric of the organisation, by key order. */
export async function loadMetrics(db: Db, orgId: string): Promise<StoredMetric[]> {
	const rows = await db.query<MetricRow>(
		`select id, key, name, description, unit, aggregation, period, direction, formula, version
		 from metric_definition where organisation_id = $1 order by key`,
		[orgId]
	);
	return rows.map(fromRow);
}

export async function listMetrics(em: EntityManager, orgId: string): Promise<StoredMetric[]> {
	return transaction(em, (db) => loadMetrics(db, orgId));
}

export async function getMetric(
	em: EntityManager,
	orgId: string,
	key: string
): Promise<StoredMetric> {
	const all = await listMetrics(em, orgId);
	const found = all.find((metric) => metric.key === key);
	if (!found) throw AppError.notFound('metric', key);
	return found;
}

async function save(
	db: Db,
	orgId: string,
	definition: MetricDefinition,
	id: string | null
): Promise<StoredMetric> {
	const rows = await db.query<MetricRow>(
		`insert into metric_definition
		   (id, organisation_id, key, name, description, unit, aggregation, period, direction, formula)
		 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		 on conflict (organisation_id, key) do update set
		   name = excluded.name, description = excluded.description, unit = excluded.unit,
		   aggregation = excluded.aggregation, period = excluded.period,
		   direction = excluded.direction, formula = excluded.formula,
		   version = metric_definition.version + 1, updated_at = now()
		 returning id, key, name, description, unit, aggregation, period, direction, formula, version`,
		[
			id ?? randomUUID(),
			orgId,
			definition.key,
			JSON.stringify(definition.name),
			definition.description ? JSON.stringify(definition.description) : null,
			JSON.stringify(definition.unit),
			definition.aggregation,
			definition.period,
			definition.direction,
			definition.formula ?? null
		]
	);
	const row = rows[0];
	if (!row) throw new Error('metric upsert returned no row');
	return fromRow(row);
}

/** Checks `definitions` as they would be after the change, against every other stored metric. */
function checkSet(existing: readonly StoredMetric[], changed: readonly MetricDefinition[]): void {
	const changedKeys = new Set(changed.map((d) => d.key));
	const result = validateMetricDefinitions([
		...existing.filter((metric) => !changedKeys.has(metric.key)),
		...changed
	]);
	if (!result.ok) {
		const mine = result.issues.filter((issue) =>
			[...changedKeys].some((key) => issue.path.startsWith(`metrics.${key}.`))
		);
		throw invalid(mine.length > 0 ? mine : result.issues);
	}
}

/** Adds a metric; a key that exists already is a 409. */
export async function createMetric(
	em: EntityManager,
	orgId: string,
	definition: MetricDefinition
): Promise<StoredMetric> {
	return transaction(em, async (db) => {
		const existing = await loadMetrics(db, orgId);
		if (existing.some((metric) => metric.key === definition.key)) {
			throw AppError.conflict(`Metric ${definition.key} exists already`, { path: 'key' });
		}
		checkSet(existing, [definition]);
		return save(db, orgId, definition, null);
	});
}

/** Changes a metric (everything but its key); the version counts up. */
export async function updateMetric(
	em: EntityManager,
	orgId: string,
	key: string,
	patch: Partial<Omit<MetricDefinition, 'key'>>
): Promise<StoredMetric> {
	return transaction(em, async (db) => {
		const existing = await loadMetrics(db, orgId);
		const current = existing.find((metric) => metric.key === key);
		if (!current) throw AppError.notFound('metric', key);
		const { id: _id, version: _version, ...definition } = current;
		const next: MetricDefinition = { ...definition, ...patch, key };
		checkSet(existing, [next]);
		return save(db, orgId, next, current.id);
	});
}

/** Creates or replaces many definitions at once (seeding, imports); checked as one set. */
export async function upsertMetrics(
	db: Db,
	orgId: string,
	definitions: readonly MetricDefinition[]
): Promise<StoredMetric[]> {
	const existing = await loadMetrics(db, orgId);
	checkSet(existing, definitions);
	const saved: StoredMetric[] = [];
	for (const definition of definitions) saved.push(await save(db, orgId, definition, null));
	return saved;
}
