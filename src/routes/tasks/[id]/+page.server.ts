import { error, fail, redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requireSession } from '$lib/server/auth/handle';
import { completeTask, getTask } from '$lib/server/tasks';
import { taskExtras } from '$lib/server/tasks/extras';
import { isAppError } from '$lib/server/runtime/errors';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { actor } = requireSession(event);
	const { orm, orgId, clock } = getApp();
	try {
		const task = await getTask({
			em: orm.em.fork(),
			orgId,
			actor,
			taskId: event.params.id,
			locale: getLocale()
		});
		const extras = await taskExtras({
			em: orm.em.fork(),
			orgId,
			task,
			locale: getLocale(),
			now: clock.now()
		});
		return {
			task,
			extras,
			now: clock.now().toISOString(),
			isJustCompleted: event.url.searchParams.has('completed')
		};
	} catch (err) {
		if (isAppError(err) && err.code === 'not_found') error(404, 'Not found');
		throw err;
	}
};

export const actions: Actions = {
	complete: async (event) => {
		const { actor } = requireSession(event);
		const { orm, orgId, clock } = getApp();
		const form = await event.request.formData();
		const outcome = String(form.get('outcome') ?? '');
		let result;
		try {
			result = await completeTask({
				em: orm.em.fork(),
				orgId,
				actor,
				taskId: event.params.id,
				outcome,
				input: form,
				locale: getLocale(),
				now: clock.now()
			});
		} catch (err) {
			if (isAppError(err) && err.code === 'not_found') error(404, 'Not found');
			throw err;
		}
		if (result.ok) redirect(303, `/tasks/${event.params.id}?completed=1`);
		if (result.kind === 'invalid') {
			return fail(400, { issues: result.issues, value: result.value, outcome });
		}
		if (result.kind === 'alreadyCompleted') {
			return fail(409, {
				alreadyCompleted: {
					completedAt: result.completedAt,
					completedBy: result.completedBy,
					outcome: result.outcome
				}
			});
		}
		return fail(409, { notAccepted: true });
	}
};
