/**
 * The demo company's moving parts, seeded once the workflows are published: running cycles
 * through the runtime and the stories' feedback through the feedback service. Runs only for
 * the demo organisation and only while it has no instance yet (first start).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { buildDemoCompany } from '../../domain/demo/index';
import { execute } from '../auth/sql';
import { logger } from '../log';
import { seedDemoCycles } from './cycles';
import { refId } from './ids';
import { seedStoryFeedback } from './story-feedback';

export type RunningSeedSummary = {
	seeded: boolean;
	instances: number;
	feedback: number;
	ms: number;
};

/** Seeds the demo's cycles and feedback as of `today` (YYYY-MM-DD) when none exist yet. */
export async function seedDemoRunning(
	em: EntityManager,
	options: { orgId: string; today: string }
): Promise<RunningSeedSummary> {
	const started = performance.now();
	const { orgId } = options;
	const [state] = await execute<{ is_demo: boolean; has_instances: boolean }>(
		em,
		`select exists (select 1 from employee where organisation_id = ? and id = ?) as is_demo,
		        exists (select 1 from instance where organisation_id = ?) as has_instances`,
		[orgId, refId(orgId, 'emp-zhang-san'), orgId]
	);
	if (!state?.is_demo || state.has_instances)
		return { seeded: false, instances: 0, feedback: 0, ms: 0 };
	const demo = buildDemoCompany({ today: options.today });
	const cycles = await seedDemoCycles(em, orgId, demo);
	const feedback = await seedStoryFeedback(em, orgId, demo, {
		'emp-zhang-san': cycles.monthlyStoryInstanceId,
		'emp-li-si': cycles.annualByEmployeeRef['emp-li-si'] ?? ''
	});
	const ms = Math.round(performance.now() - started);
	logger.info({ instances: cycles.instances, feedback, ms }, 'demo cycles seeded');
	return { seeded: true, instances: cycles.instances, feedback, ms };
}
