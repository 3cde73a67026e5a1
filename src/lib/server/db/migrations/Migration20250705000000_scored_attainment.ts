import { Migration } from '@mikro-orm/migrations';

/**
 * A key result measured per calendar period keeps, beside the running period's attainment it
 * shows, the attainment an evaluation scores it with: the last complete period while the
 * running one is incomplete (see `scoringWindow`). Null means "the same as `attainment`".
 */
export class Migration20250705000000_scored_attainment extends Migration {
	override up(): void {
		this.addSql('alter table goal add column scored_attainment double precision;');
	}

	override down(): void {
		this.addSql('alter table goal drop column scored_attainment;');
	}
}
