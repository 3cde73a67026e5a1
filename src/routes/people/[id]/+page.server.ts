import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requirePermission } from '$lib/server/auth/handle';
import { personView } from '$lib/server/goal-views';
import { loadPersonFacts } from '$lib/server/policy';
import { isAppError } from '$lib/server/runtime/errors';
import { m } from '$lib/paraglide/messages.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { orm, orgId, clock } = getApp();
	const em = orm.em.fork();
	const facts = await loadPersonFacts(em, orgId, event.params.id);
	if (!facts) error(404, m.people_not_found());
	// Goals are visible across departments; evaluations are never part of this page.
	const actor = await requirePermission(event, em, 'goal.read', { kind: 'person', ...facts });
	try {
		return { view: await personView(em, orgId, event.params.id, clock.now(), actor) };
	} catch (err) {
		if (isAppError(err) && err.code === 'not_found') error(404, m.people_not_found());
		throw err;
	}
};
