import { fail, redirect } from '@sveltejs/kit';
import { schemeFormValues, schemeToForm } from '$lib/server/admin/scheme-form';
import { applySchemeSwap, previewSchemeSwap, schemeDetail } from '$lib/server/admin/weightings';
import { adminRequest, orNotFound } from '../../../admin-request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { em, orgId, admin } = await adminRequest(event, 'weighting.manage');
	const detail = await orNotFound(schemeDetail(em, orgId, event.params.key));
	const from = Number(event.url.searchParams.get('from') ?? '');
	const base = detail.scheme.versions.find((s) => s.version === from) ?? detail.scheme.latest;
	return {
		key: detail.scheme.key,
		schemeName: detail.scheme.latest.name,
		nextVersion: detail.scheme.latest.version + 1,
		versions: detail.scheme.versions.map((s) => ({ version: s.version, name: s.name })),
		base,
		values: schemeToForm(base, admin.now.toISOString().slice(0, 10)),
		units: detail.units,
		metrics: detail.metrics
	};
};

export const actions: Actions = {
	preview: async (event) => {
		const { em, orgId, admin } = await adminRequest(event, 'weighting.manage');
		const values = schemeFormValues(await event.request.formData());
		const result = await orNotFound(
			previewSchemeSwap(em, orgId, { key: event.params.key, values }, admin)
		);
		if (!result.ok) return fail(400, { values, issues: result.issues, preview: null });
		return { values, issues: null, preview: result.preview };
	},
	apply: async (event) => {
		const { em, orgId, admin } = await adminRequest(event, 'weighting.manage');
		const values = schemeFormValues(await event.request.formData());
		const result = await orNotFound(
			applySchemeSwap(em, orgId, { key: event.params.key, values }, admin)
		);
		if (!result.ok) return fail(400, { values, issues: result.issues, preview: null });
		redirect(303, `/admin/weightings/${event.params.key}?swapped=${result.swapId}`);
	}
};
