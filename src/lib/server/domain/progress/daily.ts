/**
 * The daily re-measure: once per day of the app's clock, every organisation's key results with
 * a moving window are measured again (see `remeasureMovingWindows`) and the live evaluations
 * of the people whose progress moved are re-scored, in one transaction per organisation. It
 * runs at start (catching up a day missed while the app was down) and then whenever the day
 * changes; a failure is logged and retried at the next check.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { transaction } from '../db';
import { isoDay } from '../issues';
import { rescoreLiveIn } from '../scoring/rescore';
import { logger } from '../../log';
import { remeasureMovingWindows } from './key-results';

export type DailyResult = { keyResults: number; goalsChanged: number; rescored: number };

/** Re-measures one organisation's moving windows as of `now` and re-scores who moved. */
export async function runDailyRemeasure(
	orm: MikroORM,
	orgId: string,
	now: Date
): Promise<DailyResult> {
	return transaction(orm.em.fork(), async (db) => {
		const measured = await remeasureMovingWindows(db, orgId, isoDay(now));
		const rescored =
			measured.ownersChanged.length > 0
				? await rescoreLiveIn(db, orgId, now, { employeeIds: measured.ownersChanged })
				: 0;
		return { keyResults: measured.keyResults, goalsChanged: measured.goalsChanged, rescored };
	});
}

export type DailyRemeasure = {
	/** Runs for every organisation if the day changed since the last run; resolves to whether it ran. */
	check: () => Promise<boolean>;
	stop: () => Promise<void>;
};

/** Checks every `checkMs` (default a minute) whether the day of `now()` changed. */
export function startDailyRemeasure(options: {
	orm: MikroORM;
	now: () => Date;
	checkMs?: number;
}): DailyRemeasure {
	let lastDay: string | null = null;
	let running: Promise<boolean> | null = null;
	const runFor = async (day: string): Promise<boolean> => {
		const orgs = await options.orm.em
			.fork()
			.getConnection()
			.execute<{ id: string }[]>('select id from organisation order by id');
		for (const org of orgs) {
			const started = performance.now();
			const result = await runDailyRemeasure(options.orm, org.id, options.now());
			logger.info(
				{ orgId: org.id, day, ...result, ms: Math.round(performance.now() - started) },
				'daily re-measure'
			);
		}
		lastDay = day;
		return true;
	};
	const check = (): Promise<boolean> => {
		if (running) return running;
		const day = isoDay(options.now());
		if (day === lastDay) return Promise.resolve(false);
		running = runFor(day)
			.catch((err: unknown) => {
				logger.error({ err, day }, 'daily re-measure failed; retrying at the next check');
				return false;
			})
			.finally(() => {
				running = null;
			});
		return running;
	};
	const timer = setInterval(() => void check(), options.checkMs ?? 60_000);
	timer.unref();
	void check();
	return {
		check,
		stop: async () => {
			clearInterval(timer);
			await running;
		}
	};
}
