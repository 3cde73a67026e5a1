import type { MigrationObject } from '@mikro-orm/core';
import { Migration20250601000000_initial } from './Migration20250601000000_initial';

/**
 * Every migration, in order. Listed explicitly (not discovered from disk) so that the bundled
 * server and the tsx-run CLI apply the same set. Append new ones at the end.
 */
export const migrationsList: MigrationObject[] = [
	{ name: 'Migration20250601000000_initial', class: Migration20250601000000_initial }
];
