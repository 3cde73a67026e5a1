import { Migration } from '@mikro-orm/migrations';

/**
 * A weighting scheme's scope combines an org unit, a job family and a cycle (any of them may
 * be absent), so it is one JSON object rather than a single kind/value pair. Goal history
 * gains a sequence: changes in the same instant must still read in the order they were made.
 */
export class Migration20250604000000_scheme_scope extends Migration {
	override up(): void {
		this.addSql(`
alter table weighting_scheme add column scope jsonb not null default '{}';
alter table weighting_scheme add column attainment_cap double precision;
alter table weighting_scheme drop column scope_kind, drop column scope_value;
alter table goal_change add column seq bigint generated always as identity;
`);
	}

	override down(): void {
		this.addSql(`
alter table weighting_scheme add column scope_kind text not null default 'organisation', add column scope_value text;
alter table weighting_scheme drop column scope, drop column attainment_cap;
alter table goal_change drop column seq;
`);
	}
}
