import { error, fail } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requireSession } from '$lib/server/auth/handle';
import { getFeedbackPage, postFeedback } from '$lib/server/feedback';
import { isAppError } from '$lib/server/runtime/errors';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { actor } = requireSession(event);
	const { orm, orgId } = getApp();
	try {
		const feedback = await getFeedbackPage({
			em: orm.em.fork(),
			orgId,
			actor,
			instanceId: event.params.instanceId,
			locale: getLocale()
		});
		return { feedback };
	} catch (err) {
		if (isAppError(err) && err.code === 'not_found') error(404, 'Not found');
		throw err;
	}
};

export const actions: Actions = {
	post: async (event) => {
		const { actor } = requireSession(event);
		const { orm, orgId, clock } = getApp();
		const form = await event.request.formData();
		const text = (key: string) => {
			const value = form.get(key);
			return typeof value === 'string' ? value : '';
		};
		const parentId = text('parentId') || null;
		try {
			const result = await postFeedback({
				em: orm.em.fork(),
				orgId,
				actor,
				instanceId: event.params.instanceId,
				parentId,
				goalId: text('goalId') || null,
				body: text('body'),
				isPrivate: form.get('isPrivate') !== null,
				withCheckIn: form.get('withCheckIn') !== null,
				now: clock.now()
			});
			if (!result.ok) return fail(400, { issues: result.issues, parentId, body: text('body') });
			return { posted: result.id, parentId };
		} catch (err) {
			if (isAppError(err) && err.code === 'not_found') error(404, 'Not found');
			throw err;
		}
	}
};
