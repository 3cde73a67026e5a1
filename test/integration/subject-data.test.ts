import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMetricValues } from '../../src/lib/server/domain/ingest/index';
import { createMetric } from '../../src/lib/server/domain/metrics/definitions';
import { loadSubjectData } from '../../src/lib/server/runtime/subject-data';
import { withSql } from '../../src/lib/server/runtime/pg';
import { NOW, setupDomain, type DomainFixture } from './domain-fixture';

let fx: DomainFixture;
const metric = (key: string, formula?: string) => ({
	key,
	name: { en: key },
	unit: { kind: 'quantity' as const, label: 'n', decimals: 0 },
	aggregation: 'sum' as const,
	period: 'month' as const,
	direction: 'higher_is_better' as const,
	...(formula ? { formula } : {})
});

beforeAll(async () => {
	fx = await setupDomain();
	await createMetric(fx.em(), fx.orgId, metric('profit'));
	await createMetric(fx.em(), fx.orgId, metric('active_users'));
	await createMetric(fx.em(), fx.orgId, metric('profit_per_user', 'profit / active_users'));
	const value = (line: number, key: string, person: string, date: string, amount: number) => ({
		line,
		metric: key,
		person,
		date,
		value: amount,
		sourceId: `sd-${line}`
	});
	const report = await ingestMetricValues(
		fx.em(),
		fx.orgId,
		[
			value(1, 'profit', fx.people.zhang, '2025-03-03', 600_000),
			value(2, 'profit', fx.people.zhang, '2025-03-10', 300_000),
			value(3, 'active_users', fx.people.zhang, '2025-03-10', 750),
			// February's profit is outside March, the period guards read at NOW.
			value(4, 'profit', fx.people.zhang, '2025-02-20', 5_000_000),
			value(5, 'profit', fx.people.li, '2025-03-04', 100_000)
		],
		{ now: NOW, notify: false }
	);
	expect(report.ok).toBe(true);
});
afterAll(async () => {
	await fx?.db.close();
});

describe('the subject as guards see it', () => {
	it('computes derived metrics from the period values of their inputs', async () => {
		const data = await withSql(fx.em(), (sql) =>
			loadSubjectData(sql, fx.orgId, fx.people.zhang, NOW)
		);
		expect(data.metrics).toMatchObject({ profit: 900_000, active_users: 750 });
		expect(data.metrics.profit_per_user).toBe(1_200);
	});

	it('leaves a derived metric out when one of its inputs has no value', async () => {
		const data = await withSql(fx.em(), (sql) => loadSubjectData(sql, fx.orgId, fx.people.li, NOW));
		expect(data.metrics.profit).toBe(100_000);
		expect(data.metrics).not.toHaveProperty('profit_per_user');
	});
});
