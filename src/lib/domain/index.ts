/**
 * The pure domain of Loopwork: org and reporting chains, the goal tree and its audited
 * changes, key-result progress and its roll-up, metric definitions (derived ones by CEL
 * formula), pace/forecast/trend analytics, weighting schemes and scoring. No I/O; the clock
 * is always a parameter. The demo data lives in `./demo`.
 */
export * from './result';
export * from './dates';
export * from './org';
export * from './goals';
export * from './goal-changes';
export * from './metrics';
export * from './metric-validation';
export * from './progress';
export * from './rollup';
export * from './periods';
export * from './analytics';
export * from './expression-functions';
export * from './weighting';
export * from './scoring';
