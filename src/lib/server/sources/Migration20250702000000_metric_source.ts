import { Migration } from '@mikro-orm/migrations';

/** Scheduled metric sources (ERP/CRM exports read by a plugin), with their last run. */
export class Migration20250702000000_metric_source extends Migration {
	override up(): void {
		this.addSql(`
create table metric_source (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  name text not null,
  plugin_id text not null,
  params jsonb not null default '{}',
  schedule text not null,
  is_enabled boolean not null default true,
  last_run_at timestamptz,
  last_result jsonb,
  created_at timestamptz not null default now(),
  constraint metric_source_name_unique unique (organisation_id, name)
);
`);
	}

	override down(): void {
		this.addSql(`drop table if exists metric_source;`);
	}
}
