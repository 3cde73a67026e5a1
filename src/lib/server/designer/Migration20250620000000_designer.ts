import { Migration } from '@mikro-orm/migrations';

/** Designer drafts: the autosaved working copy of a definition (one per slug). */
export class Migration20250620000000_designer extends Migration {
	override up(): void {
		this.addSql(`
create table designer_draft (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  slug text not null,
  base_version int,
  content jsonb not null,
  updated_at timestamptz not null,
  updated_by uuid,
  constraint designer_draft_slug_unique unique (organisation_id, slug)
);`);
	}

	override down(): void {
		this.addSql('drop table if exists designer_draft;');
	}
}
