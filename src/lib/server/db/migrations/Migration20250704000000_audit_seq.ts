import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail gains a sequence, like `goal_change`: entries written in the same instant
 * (one request often records several) must still list in the order they were made, and
 * paging through them must be stable. Row triggers do not fire for the column's backfill.
 */
export class Migration20250704000000_audit_seq extends Migration {
	override up(): void {
		this.addSql(`
alter table audit_log add column seq bigint generated always as identity;
drop index if exists audit_log_at_idx;
create index audit_log_at_idx on audit_log (organisation_id, at desc, seq desc);
`);
	}

	override down(): void {
		this.addSql(`
drop index if exists audit_log_at_idx;
alter table audit_log drop column seq;
create index audit_log_at_idx on audit_log (organisation_id, at desc, id);
`);
	}
}
