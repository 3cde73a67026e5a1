/**
 * Demo sign-in accounts, one or more per role, pointing at demo employees. No passwords
 * here: the server decides how demo accounts authenticate.
 */
import type { Employee } from '../org';

export const DEMO_ROLES = ['employee', 'manager', 'hr', 'designer', 'admin'] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

/** A demo account. */
export interface DemoAccount {
	readonly email: string;
	readonly role: DemoRole;
	readonly employeeRef: string;
}

const ROLE_OF: readonly [string, DemoRole][] = [
	['emp-wang-wu', 'employee'],
	['emp-li-si', 'employee'],
	['emp-zhang-san', 'manager'],
	['emp-sun-li', 'manager'],
	['emp-wang-fang', 'manager'],
	['emp-he-min', 'hr'],
	['emp-lin-tao', 'designer'],
	['emp-gao-yuan', 'admin']
];

/** The demo accounts, using each employee's e-mail. */
export function buildDemoAccounts(people: readonly Employee[]): DemoAccount[] {
	const byId = new Map(people.map((p) => [p.id, p]));
	return ROLE_OF.flatMap(([employeeRef, role]) => {
		const person = byId.get(employeeRef);
		return person ? [{ email: person.email, role, employeeRef }] : [];
	});
}
