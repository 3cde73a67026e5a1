import { fail, redirect } from '@sveltejs/kit';
import { metricFormValues, saveMetricForm } from '$lib/server/admin/metrics';
import { listMetrics } from '$lib/server/domain/metrics/definitions';
import { adminRequest } from '../../admin-request';
import type { Actions, PageServerLoad } from './$types';

const EMPTY = {
	key: '',
	name_en: '',
	name_zh: '',
	description_en: '',
	description_zh: '',
	unit_kind: 'quantity',
	unit_code: '',
	unit_label: '',
	unit_decimals: '0',
	aggregation: 'sum',
	period: 'month',
	direction: 'higher_is_better',
	formula: ''
};

export const load: PageServerLoad = async (event) => {
	const { em, orgId } = await adminRequest(event, 'metric.manage');
	const metrics = await listMetrics(em, orgId);
	return { values: EMPTY, knownKeys: metrics.map((m) => m.key) };
};

export const actions: Actions = {
	default: async (event) => {
		const { em, orgId, admin } = await adminRequest(event, 'metric.manage');
		const values = metricFormValues(await event.request.formData());
		const result = await saveMetricForm(em, orgId, { existingKey: null, form: values }, admin);
		if (!result.ok) return fail(400, { values, issues: result.issues });
		redirect(303, `/admin/metrics/${result.metric.key}?saved=1`);
	}
};
