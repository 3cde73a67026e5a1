/** The runtime's public API (routes and other services import from here). */
export { startInstance, type StartInstanceOptions } from './start';
export { sendEvent, type SendEventOptions, type EventResult } from './executor';
export { runDueTimers } from './timers';
export { runOutbox } from './outbox';
export { startWorkers, type Workers } from './workers';
export { listInstances, getInstanceView, type InstanceSummary, type InstanceView } from './queries';
export { AppError, isAppError, type AppErrorCode } from './errors';
export { configureRuntime } from './engine-port';
export { metricsRegistry, metrics } from './metrics';
