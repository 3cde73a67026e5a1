import type { MigrationObject } from '@mikro-orm/core';
import { Migration20250601000000_initial } from './Migration20250601000000_initial';
import { Migration20250602000000_domain } from './Migration20250602000000_domain';
import { Migration20250603000000_security } from './Migration20250603000000_security';
import { Migration20250604000000_scheme_scope } from './Migration20250604000000_scheme_scope';
import { Migration20250605000000_metric_value_bulk } from './Migration20250605000000_metric_value_bulk';
import { Migration20250610000000_inbox } from './Migration20250610000000_inbox';
import { Migration20250620000000_designer } from '../../designer/Migration20250620000000_designer';
import { Migration20250701000000_goal_visibility } from './Migration20250701000000_goal_visibility';
import { Migration20250702000000_metric_source } from '../../sources/Migration20250702000000_metric_source';
import { Migration20250703000000_evaluation_sealed } from './Migration20250703000000_evaluation_sealed';
import { Migration20250704000000_audit_seq } from './Migration20250704000000_audit_seq';
import { Migration20250705000000_scored_attainment } from './Migration20250705000000_scored_attainment';
import { Migration20250706000000_goal_progress } from './Migration20250706000000_goal_progress';

/**
 * Every migration, in order. Listed explicitly (not discovered from disk) so that the bundled
 * server and the tsx-run CLI apply the same set. Append new ones at the end.
 */
export const migrationsList: MigrationObject[] = [
	{ name: 'Migration20250601000000_initial', class: Migration20250601000000_initial },
	{ name: 'Migration20250602000000_domain', class: Migration20250602000000_domain },
	{ name: 'Migration20250603000000_security', class: Migration20250603000000_security },
	{ name: 'Migration20250604000000_scheme_scope', class: Migration20250604000000_scheme_scope },
	{
		name: 'Migration20250605000000_metric_value_bulk',
		class: Migration20250605000000_metric_value_bulk
	},
	{ name: 'Migration20250610000000_inbox', class: Migration20250610000000_inbox },
	{ name: 'Migration20250620000000_designer', class: Migration20250620000000_designer },
	{
		name: 'Migration20250701000000_goal_visibility',
		class: Migration20250701000000_goal_visibility
	},
	{ name: 'Migration20250702000000_metric_source', class: Migration20250702000000_metric_source },
	{
		name: 'Migration20250703000000_evaluation_sealed',
		class: Migration20250703000000_evaluation_sealed
	},
	{ name: 'Migration20250704000000_audit_seq', class: Migration20250704000000_audit_seq },
	{
		name: 'Migration20250705000000_scored_attainment',
		class: Migration20250705000000_scored_attainment
	},
	{ name: 'Migration20250706000000_goal_progress', class: Migration20250706000000_goal_progress }
];
