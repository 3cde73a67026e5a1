import { Migration } from '@mikro-orm/migrations';

/**
 * metric_value is the bulk fact table: its two foreign-key triggers took 45 % of a bulk
 * import's time. The import path resolves every metric id itself and metric definitions are
 * never deleted, so the references are kept by the service, not by triggers (which also
 * suits distributing the table by organisation later). Source ids are opaque: byte order
 * ("C") makes their comparisons in the primary key cheap.
 */
export class Migration20250605000000_metric_value_bulk extends Migration {
	override up(): void {
		this.addSql(`
alter table metric_value drop constraint metric_value_organisation_id_fkey;
alter table metric_value drop constraint metric_value_metric_id_fkey;
alter table metric_value alter column source_id type text collate "C";
`);
	}

	override down(): void {
		this.addSql(`
alter table metric_value alter column source_id type text collate "default";
alter table metric_value add constraint metric_value_organisation_id_fkey foreign key (organisation_id) references organisation(id);
alter table metric_value add constraint metric_value_metric_id_fkey foreign key (metric_id) references metric_definition(id);
`);
	}
}
