import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import {
	assignRole,
	getPerson,
	issuePersonLink,
	removeRole,
	revokePersonSessions
} from '$lib/server/admin/people';
import { appFieldIssues } from '$lib/server/admin/form-issues';
import { ROLES } from '$lib/server/policy/types';
import { adminRequest, orNotFound } from '../../admin-request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { em, orgId, admin } = await adminRequest(event, 'people.manage');
	const { person, units } = await orNotFound(getPerson(em, orgId, event.params.id, admin.now));
	return { person, units, isSelf: person.account?.id === admin.accountId };
};

const assignForm = z.object({
	role: z.enum(ROLES),
	scope: z.union([z.literal(''), z.uuid()])
});

const onlyField = (field: string) => () => field;

export const actions: Actions = {
	assign: async (event) => {
		const { em, orgId, admin } = await adminRequest(event, 'role.manage');
		const form = await event.request.formData();
		const parsed = assignForm.safeParse({ role: form.get('role'), scope: form.get('scope') ?? '' });
		if (!parsed.success)
			return fail(400, {
				action: 'assign' as const,
				issues: { role: { code: 'form.invalid_value', message: 'role' } }
			});
		try {
			const role = await orNotFound(
				assignRole(
					em,
					orgId,
					{
						employeeId: event.params.id,
						role: parsed.data.role,
						scopeUnitId: parsed.data.scope || null
					},
					admin
				)
			);
			return { action: 'assign' as const, assigned: role };
		} catch (err) {
			return fail(409, {
				action: 'assign' as const,
				issues: appFieldIssues(err, onlyField('role'))
			});
		}
	},
	remove: async (event) => {
		const { em, orgId, admin } = await adminRequest(event, 'role.manage');
		const form = await event.request.formData();
		const assignmentId = String(form.get('assignment') ?? '');
		try {
			await orNotFound(removeRole(em, orgId, { employeeId: event.params.id, assignmentId }, admin));
			return { action: 'remove' as const, removed: assignmentId };
		} catch (err) {
			return fail(409, {
				action: 'remove' as const,
				issues: appFieldIssues(err, onlyField('roles'))
			});
		}
	},
	link: async (event) => {
		const { em, orgId, admin } = await adminRequest(event, 'people.manage');
		const form = await event.request.formData();
		const kind = form.get('kind') === 'reset' ? 'reset' : 'invitation';
		try {
			const link = await orNotFound(
				issuePersonLink(em, orgId, { employeeId: event.params.id, kind }, admin)
			);
			return {
				action: 'link' as const,
				link: {
					kind,
					url: `${event.url.origin}${link.path}`,
					expiresAt: link.expiresAt.toISOString()
				}
			};
		} catch (err) {
			return fail(409, {
				action: 'link' as const,
				issues: appFieldIssues(err, onlyField('account'))
			});
		}
	},
	revoke: async (event) => {
		const { em, orgId, admin } = await adminRequest(event, 'people.manage');
		try {
			const ended = await orNotFound(revokePersonSessions(em, orgId, event.params.id, admin));
			return { action: 'revoke' as const, ended };
		} catch (err) {
			return fail(409, {
				action: 'revoke' as const,
				issues: appFieldIssues(err, onlyField('account'))
			});
		}
	}
};
