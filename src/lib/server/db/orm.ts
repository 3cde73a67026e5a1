import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities/index';
import { migrationsList } from './migrations/index';

export type OrmOptions = { url: string; poolMax?: number; debug?: boolean };

/** The MikroORM config. Entities and migrations are imported, never discovered from disk. */
export function ormConfig(options: OrmOptions): Options {
	return {
		clientUrl: options.url,
		entities,
		extensions: [Migrator],
		pool: { min: 0, max: options.poolMax ?? 10 },
		debug: options.debug ?? false,
		allowGlobalContext: false,
		discovery: { warnWhenNoEntities: false },
		migrations: {
			migrationsList,
			tableName: 'mikro_orm_migrations',
			transactional: true,
			allOrNothing: true,
			snapshot: false,
			silent: true,
			emit: 'ts'
		}
	};
}

export async function openOrm(options: OrmOptions): Promise<MikroORM> {
	return MikroORM.init(ormConfig(options));
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
	const applied = await orm.getMigrator().up();
	return applied.map((m) => m.name);
}
