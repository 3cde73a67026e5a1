import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from './errors';
import { compiledVersion, runtimeEngine, type Snapshot } from './engine-port';
import { isUuid } from './executor';
import { withSql } from './pg';
import { subjectFromChain, chainCte, type ChainRow } from './subject';
import type { InstanceStatus } from '../db/entities/instance.entity';

export type InstanceSummary = {
	id: string;
	status: InstanceStatus;
	stateValue: unknown;
	definition: { slug: string; name: Record<string, string>; version: number };
	subject: { id: string; name: string };
	startedAt: string;
	updatedAt: string;
	openTaskCount: number;
};

/** Instances of an organisation, newest first (at most `limit`, default 200). */
export async function listInstances(
	em: EntityManager,
	orgId: string,
	filter: { status?: InstanceStatus; limit?: number } = {}
): Promise<InstanceSummary[]> {
	return withSql(em, (sql) =>
		sql<InstanceSummary>(
			'lw_instance_list',
			`select i.id, i.status, i.state_value as "stateValue",
         json_build_object('slug', d.slug, 'name', d.name, 'version', v.version) as definition,
         json_build_object('id', e.id, 'name', e.name) as subject,
         i.started_at as "startedAt", i.updated_at as "updatedAt",
         (select count(*)::int from task t where t.instance_id = i.id and t.status = 'open') as "openTaskCount"
       from instance i
       join workflow_version v on v.id = i.definition_version_id
       join workflow_definition d on d.id = v.definition_id
       join employee e on e.id = i.subject_id
       where i.organisation_id = $1 and ($2::text is null or i.status = $2)
       order by i.started_at desc, i.id limit $3`,
			[orgId, filter.status ?? null, filter.limit ?? 200]
		)
	);
}

export type InstanceView = Omit<InstanceSummary, 'openTaskCount'> & {
	version: number;
	activeStates: string[];
	acceptedEvents: string[];
	openTasks: Record<string, unknown>[];
	journal: Record<string, unknown>[];
};

/** Every active state path of a state value, ancestors included. */
export function activeStatePaths(value: unknown, prefix = ''): string[] {
	if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
		const path = prefix ? `${prefix}.${key}` : key;
		return [path, ...activeStatePaths(child, path)];
	});
}

type ViewRow = InstanceSummary & {
	snapshot: Snapshot;
	version: number;
	versionId: string;
	content: unknown;
	chain: ChainRow[];
	openTasks: Record<string, unknown>[];
	journal: Record<string, unknown>[];
};

/** One instance with what the UI and the API show: state, accepted events, open tasks, journal. */
export async function getInstanceView(
	em: EntityManager,
	orgId: string,
	id: string,
	options: { now?: Date } = {}
): Promise<InstanceView> {
	if (!isUuid(id)) throw AppError.notFound('instance', id);
	const rows = await withSql(em, (sql) =>
		sql<ViewRow>(
			'lw_instance_view',
			`with recursive ${chainCte('(select subject_id from instance where id = $1)', '$2::uuid')}
       select i.id, i.status, i.state_value as "stateValue", i.snapshot, i.version,
         v.id as "versionId", v.content,
         json_build_object('slug', d.slug, 'name', d.name, 'version', v.version) as definition,
         json_build_object('id', e.id, 'name', e.name) as subject,
         i.started_at as "startedAt", i.updated_at as "updatedAt",
         (select coalesce(json_agg(c), '[]'::json) from chain c) as chain,
         (select coalesce(json_agg(t order by t.created_at), '[]'::json) from (
            select id, task_key as "taskKey", state_path as "statePath", kind, assignee_person_id as "assigneePersonId",
              assignee_role as "assigneeRole", form, title, due_at as "dueAt", created_at
            from task where instance_id = i.id and status = 'open') t) as "openTasks",
         (select coalesce(json_agg(j order by j.seq), '[]'::json) from (
            select seq, kind, event_type as "eventType", payload, actor_id as "actorId",
              client_event_id as "clientEventId", from_state as "fromState", to_state as "toState", at
            from journal where instance_id = i.id) j) as journal
       from instance i
       join workflow_version v on v.id = i.definition_version_id
       join workflow_definition d on d.id = v.definition_id
       join employee e on e.id = i.subject_id
       where i.id = $1 and i.organisation_id = $2`,
			[id, orgId]
		)
	);
	const row = rows[0];
	if (!row) throw AppError.notFound('instance', id);
	const subject = subjectFromChain(row.chain);
	const compiled = compiledVersion(row.versionId, row.content);
	const acceptedEvents =
		row.status === 'running' && subject
			? runtimeEngine().acceptedEvents(compiled.compiled, row.snapshot, {
					subject,
					now: options.now ?? new Date()
				})
			: [];
	return {
		id: row.id,
		status: row.status,
		stateValue: row.stateValue,
		version: row.version,
		definition: row.definition,
		subject: row.subject,
		startedAt: row.startedAt,
		updatedAt: row.updatedAt,
		activeStates: activeStatePaths(row.stateValue),
		acceptedEvents,
		openTasks: row.openTasks,
		journal: row.journal
	};
}
