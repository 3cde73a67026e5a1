import type { EntityManager } from '@mikro-orm/postgresql';
import { execute } from '../auth/sql';
import type { Keyring } from '../crypto/keyring';
import { openAuditValue } from './record';

export type AuditFilter = {
	organisationId: string;
	action?: string;
	entity?: string;
	entityId?: string;
	actor?: string;
	from?: Date;
	to?: Date;
	limit?: number;
	offset?: number;
};

export type AuditRow = {
	id: string;
	at: Date;
	actorAccountId: string | null;
	actorLabel: string | null;
	action: string;
	entity: string;
	entityId: string | null;
	before: unknown;
	after: unknown;
	ip: string | null;
};

type Raw = {
	id: string;
	at: Date;
	actor_account_id: string | null;
	actor_label: string | null;
	action: string;
	entity: string;
	entity_id: string | null;
	before: unknown;
	after: unknown;
	ip: string | null;
};

function like(value: string): string {
	return `%${value.replace(/[\\%_]/g, '\\$&')}%`;
}

function where(filter: AuditFilter): { sql: string; params: unknown[] } {
	const clauses = ['organisation_id = ?'];
	const params: unknown[] = [filter.organisationId];
	if (filter.action) {
		// `auth` matches every `auth.*` action; a full name matches itself.
		clauses.push(`(action = ? or action like ?)`);
		params.push(filter.action, `${filter.action.replace(/[\\%_]/g, '\\$&')}.%`);
	}
	const add = (clause: string, value: unknown) => {
		clauses.push(clause);
		params.push(value);
	};
	if (filter.entity) add('entity = ?', filter.entity);
	if (filter.entityId) add('entity_id = ?', filter.entityId);
	if (filter.actor) add('actor_label ilike ?', like(filter.actor));
	if (filter.from) add('at >= ?', filter.from);
	if (filter.to) add('at < ?', filter.to);
	return { sql: clauses.join(' and '), params };
}

/** Newest first (entries of the same instant in reverse order of writing); before/after opened (the caller has checked `audit.read`). */
export async function listAudit(
	em: EntityManager,
	filter: AuditFilter,
	keyring?: Keyring
): Promise<{ rows: AuditRow[]; total: number }> {
	const { sql, params } = where(filter);
	const limit = Math.min(Math.max(filter.limit ?? 50, 1), 10_000);
	const raw = await execute<Raw>(
		em,
		`select id, at, actor_account_id, actor_label, action, entity, entity_id, before, after, ip
		   from audit_log where ${sql} order by at desc, seq desc limit ? offset ?`,
		[...params, limit, Math.max(filter.offset ?? 0, 0)]
	);
	const count = await execute<{ n: number }>(
		em,
		`select count(*)::int as n from audit_log where ${sql}`,
		params
	);
	return {
		total: Number(count[0]?.n ?? 0),
		rows: raw.map((row) => ({
			id: row.id,
			at: new Date(row.at),
			actorAccountId: row.actor_account_id,
			actorLabel: row.actor_label,
			action: row.action,
			entity: row.entity,
			entityId: row.entity_id,
			before: openAuditValue(row.before, 'before', row.id, keyring),
			after: openAuditValue(row.after, 'after', row.id, keyring),
			ip: row.ip
		}))
	};
}

/** The distinct actions and entities present, for the filter's choices. */
export async function auditFacets(
	em: EntityManager,
	organisationId: string
): Promise<{ actions: string[]; entities: string[] }> {
	const actions = await execute<{ v: string }>(
		em,
		`select distinct action as v from audit_log where organisation_id = ? order by 1 limit 200`,
		[organisationId]
	);
	const entities = await execute<{ v: string }>(
		em,
		`select distinct entity as v from audit_log where organisation_id = ? order by 1 limit 200`,
		[organisationId]
	);
	return { actions: actions.map((r) => r.v), entities: entities.map((r) => r.v) };
}
