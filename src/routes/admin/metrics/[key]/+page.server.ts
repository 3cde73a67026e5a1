import { fail, redirect } from '@sveltejs/kit';
import { metricFormValues, metricToForm, saveMetricForm } from '$lib/server/admin/metrics';
import { getMetric, listMetrics } from '$lib/server/domain/metrics/definitions';
import { adminRequest, orNotFound } from '../../admin-request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { em, orgId } = await adminRequest(event, 'metric.manage');
	const metric = await orNotFound(getMetric(em, orgId, event.params.key));
	const metrics = await listMetrics(em, orgId);
	return {
		metric,
		values: metricToForm(metric),
		knownKeys: metrics.map((m) => m.key).filter((k) => k !== metric.key),
		isSaved: event.url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { em, orgId, admin } = await adminRequest(event, 'metric.manage');
		const values = metricFormValues(await event.request.formData());
		const result = await orNotFound(
			saveMetricForm(em, orgId, { existingKey: event.params.key, form: values }, admin)
		);
		if (!result.ok) return fail(400, { values, issues: result.issues });
		redirect(303, `/admin/metrics/${result.metric.key}?saved=1`);
	}
};
