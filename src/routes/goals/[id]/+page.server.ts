import { error, fail } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requireSession } from '$lib/server/auth/handle';
import { apiContext } from '$lib/server/api/context';
import { requireGoalWrite } from '$lib/server/api/goals';
import { ownerTarget } from '$lib/server/api/targets';
import { goalDetailView } from '$lib/server/goal-views';
import { changeGoal } from '$lib/server/domain/goals/service';
import { loadGoalOwner } from '$lib/server/domain/goals/read';
import { authorize } from '$lib/server/policy/decide';
import { isAppError } from '$lib/server/runtime/errors';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
	const { actor } = requireSession(event);
	if (!UUID.test(event.params.id)) error(404, m.goals_not_found());
	const { orm, orgId, clock } = getApp();
	const em = orm.em.fork();
	try {
		const detail = await goalDetailView(em, orgId, event.params.id, clock.now(), actor);
		const { goal } = detail;
		// Who may write the owner's goals may record a hand-measured key result's value.
		const target =
			goal.manual && goal.status !== 'archived' ? await ownerTarget(em, orgId, goal.owner) : null;
		const canRecord = target !== null && authorize(actor, 'goal.write', target).allowed;
		return { detail, canRecord };
	} catch (err) {
		if (isAppError(err) && err.code === 'not_found') error(404, m.goals_not_found());
		throw err;
	}
};

type Field = 'value' | 'why';

export const actions: Actions = {
	/** Records the current value of a key result measured by hand, with a reason. */
	progress: async (event) => {
		if (!UUID.test(event.params.id)) error(404, m.goals_not_found());
		const ctx = apiContext(event);
		const form = await event.request.formData();
		const raw = String(form.get('value') ?? '').trim();
		const why = String(form.get('why') ?? '').trim();
		const values = { value: raw, why };
		const errors: Partial<Record<Field, string>> = {};
		const value = Number(raw.replace(',', '.'));
		if (raw === '' || !Number.isFinite(value)) errors.value = m.goals_record_value_invalid();
		if (why === '') errors.why = m.goals_record_why_required();
		if (errors.value || errors.why) return fail(400, { values, errors });
		const owner = await loadGoalOwner(ctx.em, ctx.orgId, event.params.id);
		if (!owner) error(404, m.goals_not_found());
		await requireGoalWrite(ctx, owner, 'owner.id');
		try {
			await changeGoal(
				ctx.em,
				ctx.orgId,
				event.params.id,
				{ kind: 'progress', value },
				ctx.changeActor(why)
			);
		} catch (err) {
			if (isAppError(err) && (err.status === 400 || err.status === 409))
				return fail(err.status, { values, errors: { value: m.goals_record_refused() } });
			throw err;
		}
		return { recorded: true };
	}
};
