import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { metrics, metricsRegistry } from '$lib/server/runtime/index';

export const GET: RequestHandler = async () => {
	try {
		const rows = await getApp()
			.orm.em.fork()
			.getConnection()
			.execute<{ backlog: number; due: number }[]>(
				`select (select count(*)::int from outbox where status = 'pending') as backlog,
           (select count(*)::int from timer where status = 'pending' and due_at <= now()) as due`
			);
		metrics.outboxBacklog.set(rows[0]?.backlog ?? 0);
		metrics.timersPending.set(rows[0]?.due ?? 0);
	} catch {
		// Still expose process metrics when the database is down.
	}
	return new Response(await metricsRegistry.metrics(), {
		headers: { 'content-type': metricsRegistry.contentType }
	});
};
