import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from './errors';
import { compiledVersion, runtimeEngine } from './engine-port';
import { planEffects, taskView } from './effects';
import { inTransaction } from './pg';
import { chainCte, subjectFromChain, type ChainRow } from './subject';
import { loadSubjectData, readsSubjectData, withSubjectData } from './subject-data';
import { buildWrite } from './write-sql';
import { isUuid, rememberInstance, type EventResult } from './executor';
import { metrics } from './metrics';

export type StartInstanceOptions = {
	em: EntityManager;
	orgId: string;
	/** The latest published version of this definition… */
	definitionSlug?: string;
	/** …or exactly this version. */
	versionId?: string;
	subjectId: string;
	input?: unknown;
	actorId?: string;
	now: Date;
};

const RESOLVE_SQL = `with recursive ${chainCte('$3::uuid', '$1::uuid')}
select (select row_to_json(v) from (
    select v.id, v.content from workflow_version v join workflow_definition d on d.id = v.definition_id
    where v.organisation_id = $1::uuid and v.status = 'published'
      and (v.id = $2::uuid or ($2::uuid is null and d.slug = $4::text))
    order by v.version desc limit 1) v) as version,
  (select coalesce(json_agg(c), '[]'::json) from chain c) as chain`;

/** Starts an instance for a subject: initial step, instance + journal + effect rows, one transaction. */
export async function startInstance(options: StartInstanceOptions): Promise<EventResult> {
	const { orgId, subjectId, now } = options;
	if (!options.definitionSlug && !options.versionId) {
		throw AppError.badRequest('definition (slug) or versionId is required', 'definition');
	}
	if (options.versionId !== undefined && !isUuid(options.versionId))
		throw AppError.notFound('version', options.versionId);
	if (!isUuid(subjectId)) throw AppError.notFound('employee', String(subjectId));
	const result = await inTransaction(options.em, async (sql) => {
		const rows = await sql<{ version: { id: string; content: unknown } | null; chain: ChainRow[] }>(
			'lw_resolve_start',
			RESOLVE_SQL,
			[orgId, options.versionId ?? null, subjectId, options.definitionSlug ?? null]
		);
		const resolved = rows[0];
		if (!resolved?.version) {
			throw AppError.notFound(
				'published definition',
				options.versionId ?? options.definitionSlug ?? ''
			);
		}
		const chained = subjectFromChain(resolved.chain);
		if (!chained) throw AppError.notFound('employee', subjectId);
		const engine = runtimeEngine();
		const version = compiledVersion(resolved.version.id, resolved.version.content);
		const subject = readsSubjectData(resolved.version.id, resolved.version.content)
			? withSubjectData(chained, await loadSubjectData(sql, orgId, subjectId, now))
			: chained;
		const env = { subject, now };
		const initial = engine.initialStep(version.compiled, { ...env, input: options.input });
		const instanceId = randomUUID();
		const plan = planEffects(initial.effects, `${instanceId}:1`);
		const stateValue = initial.snapshot.value ?? null;
		const status = plan.isComplete || initial.snapshot.status === 'done' ? 'done' : 'running';
		const write = buildWrite({
			head: { kind: 'insert', instanceId, orgId, versionId: resolved.version.id, subjectId },
			snapshot: initial.snapshot,
			stateValue,
			version: 1,
			status,
			now,
			journal: {
				id: randomUUID(),
				kind: 'start',
				eventType: 'xstate.init',
				payload: options.input ?? null,
				actorId: isUuid(options.actorId) ? options.actorId : null,
				clientEventId: null,
				fromState: null
			},
			completedTaskId: null,
			firedTimerId: null,
			plan
		});
		await sql(write.name, write.text, write.values);
		rememberInstance(instanceId, resolved.version.id);
		return {
			instanceId,
			seq: 1,
			version: 1,
			status,
			stateValue,
			acceptedEvents:
				status === 'running' ? engine.acceptedEvents(version.compiled, initial.snapshot, env) : [],
			openTasks: plan.openTasks.map(taskView),
			isDuplicate: false
		} satisfies EventResult;
	});
	metrics.instancesStarted.inc();
	return result;
}
