import client from 'prom-client';

/** Process-wide registry for /metrics. Counters are per process; the backlog gauge is read live. */
export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry, prefix: 'loopwork_' });

export const metrics = {
	eventsApplied: new client.Counter({
		name: 'loopwork_events_applied_total',
		help: 'Workflow events applied (journal rows written), by kind',
		labelNames: ['kind'] as const,
		registers: [metricsRegistry]
	}),
	eventsRefused: new client.Counter({
		name: 'loopwork_events_refused_total',
		help: 'Events refused because the instance does not accept them now',
		registers: [metricsRegistry]
	}),
	instancesStarted: new client.Counter({
		name: 'loopwork_instances_started_total',
		help: 'Workflow instances started',
		registers: [metricsRegistry]
	}),
	timersFired: new client.Counter({
		name: 'loopwork_timers_fired_total',
		help: 'Durable timers delivered (fired or found stale)',
		labelNames: ['result'] as const,
		registers: [metricsRegistry]
	}),
	outboxDelivered: new client.Counter({
		name: 'loopwork_outbox_delivered_total',
		help: 'Outbox rows processed, by kind and result',
		labelNames: ['kind', 'result'] as const,
		registers: [metricsRegistry]
	}),
	outboxBacklog: new client.Gauge({
		name: 'loopwork_outbox_backlog',
		help: 'Pending outbox rows (sampled when /metrics is scraped)',
		registers: [metricsRegistry]
	}),
	timersPending: new client.Gauge({
		name: 'loopwork_timers_due',
		help: 'Pending timers already due (sampled when /metrics is scraped)',
		registers: [metricsRegistry]
	})
};
