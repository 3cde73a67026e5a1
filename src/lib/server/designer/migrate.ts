import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StateValue } from 'xstate';
import { compileDefinition } from '../../engine/compile';
import { parseDefinition, type Definition } from '../../engine/definition';
import { parseIsoDuration } from '../../engine/duration';
import {
	dryRunMigration,
	planMigration,
	type MigrationInstance,
	type MoveCheck,
	type StateMapping
} from '../../engine/migration-plan';
import type { Registry } from '../../engine/registry';
import { getDefinitionVersion } from '../definitions/service';
import { inTransaction, withSql, type Sql } from '../runtime/pg';

type InstanceRow = {
	id: string;
	status: string;
	snapshot: Record<string, unknown>;
	state_value: StateValue;
	version: number;
	subject_id: string;
	subject_name: string;
	timers: { timerKey: string; dueAt: string }[] | null;
};

const INSTANCES_SQL = `select i.id, i.status, i.snapshot, i.state_value, i.version, i.subject_id, e.name as subject_name,
  (select json_agg(json_build_object('timerKey', t.timer_key, 'dueAt', t.due_at)) from timer t
    where t.instance_id = i.id and t.status = 'pending') as timers
from instance i join employee e on e.id = i.subject_id
where i.organisation_id = $1 and i.definition_version_id = $2`;

function asDefinition(content: unknown): Definition {
	const parsed = parseDefinition(content);
	if (!parsed.ok) throw new Error('a stored version does not parse');
	return parsed.value;
}

function toInstance(row: InstanceRow): MigrationInstance {
	return {
		id: row.id,
		status: row.status,
		value: row.state_value,
		timers: (row.timers ?? []).map((t) => ({
			timerKey: t.timerKey,
			dueAt: new Date(t.dueAt).getTime()
		}))
	};
}

export type MigrationPreview = {
	from: { id: string; version: number; definition: Definition };
	to: { id: string; version: number; definition: Definition };
	mapping: StateMapping;
	unresolved: string[];
	checks: (MoveCheck & { subjectName: string })[];
};

async function loadVersions(
	em: EntityManager,
	orgId: string,
	slug: string,
	from: number,
	to: number
) {
	const [a, b] = await Promise.all([
		getDefinitionVersion(em, orgId, slug, from),
		getDefinitionVersion(em, orgId, slug, to)
	]);
	return {
		from: { id: a.id, version: a.version, definition: asDefinition(a.content) },
		to: { id: b.id, version: b.version, definition: asDefinition(b.content) }
	};
}

/** The plan (same paths auto-mapped, the designer's overrides applied) and a dry run. */
export async function previewMigration(options: {
	em: EntityManager;
	orgId: string;
	slug: string;
	fromVersion: number;
	toVersion: number;
	overrides?: StateMapping;
	now: Date;
}): Promise<MigrationPreview> {
	const versions = await loadVersions(
		options.em,
		options.orgId,
		options.slug,
		options.fromVersion,
		options.toVersion
	);
	const plan = planMigration(versions.from.definition, versions.to.definition, options.overrides);
	const rows = await withSql(options.em, (sql) =>
		sql<InstanceRow>('lw_migrate_instances', `${INSTANCES_SQL} order by i.started_at, i.id`, [
			options.orgId,
			versions.from.id
		])
	);
	const checks = dryRunMigration(
		versions.from.definition,
		versions.to.definition,
		plan,
		rows.map(toInstance),
		{
			now: options.now.getTime()
		}
	);
	return {
		...versions,
		mapping: plan.mapping,
		unresolved: plan.unresolved,
		checks: checks.map((c, i) => ({ ...c, subjectName: rows[i]?.subject_name ?? '' }))
	};
}

export type MigrationOutcome = {
	moved: { id: string; from: string[]; to: string[] }[];
	skipped: { id: string; reason: string; message: string }[];
	batches: number;
};

/**
 * Moves the running instances of one version to another under a plan, in batches of one
 * transaction each. Every instance is locked and checked again inside its batch (it may have
 * moved on since the dry run); each move rewrites the snapshot, re-keys or cancels its tasks
 * and timers (a mapped state's timer keeps its due time, a newly entered one starts anew) and
 * appends a `migration` row to the instance's journal.
 */
export async function applyMigration(options: {
	em: EntityManager;
	orgId: string;
	slug: string;
	fromVersion: number;
	toVersion: number;
	overrides?: StateMapping;
	registry: Registry;
	actorId: string | null;
	now: Date;
	batchSize?: number;
}): Promise<MigrationOutcome> {
	const versions = await loadVersions(
		options.em,
		options.orgId,
		options.slug,
		options.fromVersion,
		options.toVersion
	);
	const plan = planMigration(versions.from.definition, versions.to.definition, options.overrides);
	const compiled = compileDefinition(versions.to.definition, options.registry);
	const ids = await withSql(options.em, (sql) =>
		sql<{ id: string }>(
			'lw_migrate_ids',
			`select id from instance where organisation_id = $1 and definition_version_id = $2 and status = 'running' order by started_at, id`,
			[options.orgId, versions.from.id]
		)
	);
	const outcome: MigrationOutcome = { moved: [], skipped: [], batches: 0 };
	const size = Math.max(1, options.batchSize ?? 50);
	for (let start = 0; start < ids.length; start += size) {
		const batch = ids.slice(start, start + size).map((r) => r.id);
		outcome.batches += 1;
		await inTransaction(options.em, async (sql) => {
			const rows = await sql<InstanceRow>(
				'lw_migrate_lock',
				`${INSTANCES_SQL} and i.id = any($3::uuid[]) order by i.id for update of i`,
				[options.orgId, versions.from.id, batch]
			);
			const checks = dryRunMigration(
				versions.from.definition,
				versions.to.definition,
				plan,
				rows.map(toInstance),
				{
					now: options.now.getTime()
				}
			);
			for (const [i, check] of checks.entries()) {
				const row = rows[i];
				if (!row) continue;
				if (!check.canMove) {
					outcome.skipped.push({ id: check.id, reason: check.reason, message: check.message });
					continue;
				}
				const snapshot = { ...row.snapshot, value: check.value };
				try {
					compiled.machine.resolveState(snapshot as never);
				} catch (error) {
					outcome.skipped.push({
						id: check.id,
						reason: 'invalid_state',
						message: error instanceof Error ? error.message : String(error)
					});
					continue;
				}
				await moveInstance(sql, {
					...options,
					row,
					check,
					snapshot,
					fromId: versions.from.id,
					toId: versions.to.id,
					to: versions.to.definition
				});
				outcome.moved.push({ id: check.id, from: check.from, to: check.to });
			}
		});
	}
	return outcome;
}

async function moveInstance(
	sql: Sql,
	o: {
		orgId: string;
		fromVersion: number;
		toVersion: number;
		actorId: string | null;
		now: Date;
		row: InstanceRow;
		check: Extract<MoveCheck, { canMove: true }>;
		snapshot: Record<string, unknown>;
		fromId: string;
		toId: string;
		to: Definition;
	}
): Promise<void> {
	const now = o.now.toISOString();
	const seq = o.row.version + 1;
	const written = await sql<{ id: string }>(
		'lw_migrate_instance',
		`update instance set definition_version_id = $2, snapshot = $3::jsonb, state_value = $4::jsonb, version = $5, updated_at = $6
     where id = $1 and version = $7 returning id`,
		[
			o.row.id,
			o.toId,
			JSON.stringify(o.snapshot),
			JSON.stringify(o.check.value),
			seq,
			now,
			o.row.version
		]
	);
	if (written.length !== 1) throw new Error(`instance ${o.row.id} changed during its migration`);
	for (const move of o.check.timers) {
		if (move.action === 'keep') {
			await sql(
				'lw_migrate_timer_keep',
				`update timer set timer_key = $3, event = $4::jsonb where instance_id = $1 and timer_key = $2 and status = 'pending'`,
				[o.row.id, move.fromKey, move.timerKey, JSON.stringify(move.event)]
			);
		} else if (move.action === 'cancel') {
			await sql(
				'lw_migrate_timer_cancel',
				`update timer set status = 'cancelled' where instance_id = $1 and timer_key = $2 and status = 'pending'`,
				[o.row.id, move.timerKey]
			);
		} else {
			await sql(
				'lw_migrate_timer_start',
				`insert into timer (id, organisation_id, instance_id, timer_key, event, due_at, status, created_at) values ($1, $2, $3, $4, $5::jsonb, $6, 'pending', $7)`,
				[
					randomUUID(),
					o.orgId,
					o.row.id,
					move.timerKey,
					JSON.stringify(move.event),
					new Date(move.dueAt).toISOString(),
					now
				]
			);
		}
	}
	for (const move of o.check.tasks) {
		if (move.action === 'rekey') {
			await sql(
				'lw_migrate_task_rekey',
				`update task set task_key = $3, state_path = $3 where instance_id = $1 and task_key = $2 and status = 'open'`,
				[o.row.id, move.from, move.to]
			);
		} else if (move.action === 'cancel') {
			await sql(
				'lw_migrate_task_cancel',
				`update task set status = 'cancelled', completed_at = $3 where instance_id = $1 and task_key = $2 and status = 'open'`,
				[o.row.id, move.taskKey, now]
			);
		} else {
			await openTask(sql, o, move.statePath);
		}
	}
	await sql(
		'lw_migrate_journal',
		`insert into journal (id, organisation_id, instance_id, seq, kind, event_type, payload, actor_id, from_state, to_state, at)
     values ($1, $2, $3, $4, 'migration', 'migration', $5::jsonb, $6, $7::jsonb, $8::jsonb, $9)`,
		[
			randomUUID(),
			o.orgId,
			o.row.id,
			seq,
			JSON.stringify({
				fromVersion: o.fromVersion,
				toVersion: o.toVersion,
				from: o.check.from,
				to: o.check.to,
				timers: o.check.timers,
				tasks: o.check.tasks
			}),
			o.actorId,
			JSON.stringify(o.row.state_value),
			JSON.stringify(o.check.value),
			now
		]
	);
}

function stateAt(definition: Definition, path: string) {
	let states = definition.states;
	let state: Definition['states'][string] | undefined;
	for (const part of path.split('.')) {
		state = states[part];
		states = state?.states ?? {};
	}
	return state;
}

/** Opens the task of a task state the instance enters through the migration. */
async function openTask(
	sql: Sql,
	o: { orgId: string; now: Date; row: InstanceRow; to: Definition },
	path: string
) {
	const state = stateAt(o.to, path);
	const params = state?.meta?.params ?? {};
	const assignee = String(params.assignee ?? 'subject');
	const depth = assignee.startsWith('role:') ? -1 : (assignee.match(/\.manager/g) ?? []).length;
	const due = typeof params.due === 'string' ? parseIsoDuration(params.due) : undefined;
	await sql(
		'lw_migrate_task_open',
		`with recursive up as (
       select id, manager_id, 0 as depth from employee where id = $4
       union all select e.id, e.manager_id, up.depth + 1 from employee e join up on e.id = up.manager_id where up.depth < 3)
     insert into task (id, organisation_id, instance_id, task_key, state_path, kind, assignee_person_id, assignee_role,
       form, title, due_at, status, created_at)
     values ($1, $2, $3, $5, $5, $6, (select id from up where depth = $7), $8, $9, $10, $11, 'open', $12)`,
		[
			randomUUID(),
			o.orgId,
			o.row.id,
			o.row.subject_id,
			path,
			state?.meta?.kind ?? 'task',
			depth,
			depth < 0 ? assignee.slice('role:'.length) : null,
			typeof params.form === 'string' ? params.form : null,
			typeof params.title === 'string' ? params.title : null,
			due === undefined ? null : new Date(o.now.getTime() + due).toISOString(),
			o.now.toISOString()
		]
	);
}
