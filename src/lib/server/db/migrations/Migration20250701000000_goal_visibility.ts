import { Migration } from '@mikro-orm/migrations';

/**
 * Goals are visible across departments by default (alignment is the point); a private goal is
 * seen only by its owner's line and hr in scope. The policy decides; the column says which.
 */
export class Migration20250701000000_goal_visibility extends Migration {
	override up(): void {
		this.addSql(`
alter table goal add column visibility text not null default 'visible'
  check (visibility in ('visible', 'private'));
`);
	}

	override down(): void {
		this.addSql(`alter table goal drop column visibility;`);
	}
}
