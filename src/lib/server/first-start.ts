import type { EntityManager } from '@mikro-orm/postgresql';
import { seedDemoCompany } from './seed/demo';

/**
 * Runs once, in the transaction that creates the default organisation. The place to seed demo
 * data (the demo company, people, goals); extend it there rather than in app.ts.
 */
export async function onFirstStart(context: { em: EntityManager; orgId: string }): Promise<void> {
	await seedDemoCompany(context.em, {
		today: new Date().toISOString().slice(0, 10),
		orgId: context.orgId
	});
}
