import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { logger } from '../log';
import type { Role } from '../policy/types';
import { hashPassword } from './secrets';
import { normaliseEmail } from './sign-in';
import { execute } from './sql';

export type DemoAccount = {
	email: string;
	role: Role;
	employeeId?: string | null;
	password: string;
};

/**
 * Creates the demo company's sign-in accounts (one per role) if they do not exist yet. The
 * passwords are public (README): for the demo organisation only, never for real data. An
 * existing account keeps its password and gains the role if it lacks it. Returns the ids.
 */
export async function ensureDemoAccounts(
	em: EntityManager,
	orgId: string,
	accounts: readonly DemoAccount[]
): Promise<Record<string, string>> {
	const ids: Record<string, string> = {};
	for (const demo of accounts) {
		const email = normaliseEmail(demo.email);
		const existing = await execute<{ id: string }>(
			em,
			`select id from user_account where organisation_id = ? and email = ?`,
			[orgId, email]
		);
		let id = existing[0]?.id;
		if (!id) {
			id = randomUUID();
			await execute(
				em,
				`insert into user_account (id, organisation_id, employee_id, email, password_hash, status)
				 values (?, ?, ?, ?, ?, 'active')`,
				[id, orgId, demo.employeeId ?? null, email, await hashPassword(demo.password)]
			);
		}
		// `employee` is implied by the employee record; `manager` by having reports.
		if (demo.role !== 'employee' || !demo.employeeId) {
			await execute(
				em,
				`insert into role_assignment (id, organisation_id, account_id, role, scope_unit_id)
				 values (?, ?, ?, ?, null) on conflict do nothing`,
				[randomUUID(), orgId, id, demo.role]
			);
		}
		ids[email] = id;
	}
	if (accounts.length) {
		logger.warn(
			{ accounts: Object.keys(ids) },
			'demo accounts with published passwords exist in this organisation'
		);
	}
	return ids;
}
