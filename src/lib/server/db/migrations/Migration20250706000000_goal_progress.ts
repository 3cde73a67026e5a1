import { Migration } from '@mikro-orm/migrations';

/**
 * A key result without a metric is measured by hand: its owner's line records a value against
 * its target (kept in `target`/`baseline`/`current_value` like a metric key result's), and each
 * record is a `progress` entry of the goal history. The kind check also admits `status`, which
 * the domain's status change records.
 */
export class Migration20250706000000_goal_progress extends Migration {
	override up(): void {
		this.addSql(`
alter table goal_change drop constraint if exists goal_change_kind_check;
alter table goal_change add constraint goal_change_kind_check
  check (kind in ('create','retarget','reweight','reparent','archive','relink','status','progress'));
`);
	}

	override down(): void {
		this.addSql(`
alter table goal_change drop constraint if exists goal_change_kind_check;
alter table goal_change add constraint goal_change_kind_check
  check (kind in ('create','retarget','reweight','reparent','archive','relink'));
`);
	}
}
