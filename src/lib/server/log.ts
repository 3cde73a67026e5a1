import pino from 'pino';

/** Structured JSON logs on stdout. `LOG_LEVEL` overrides the level (default info, silent in tests). */
export const logger = pino({
	level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
	base: { service: 'loopwork' },
	timestamp: pino.stdTimeFunctions.isoTime
});

export type Logger = typeof logger;
