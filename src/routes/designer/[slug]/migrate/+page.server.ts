import { error, fail } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { applyMigration, listVersions, previewMigration } from '$lib/server/designer';
import { isAppError } from '$lib/server/runtime/errors';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

function readMapping(form: FormData | URLSearchParams): Record<string, string | null> {
	const mapping: Record<string, string | null> = {};
	for (const [key, value] of form.entries()) {
		if (!key.startsWith('map:') || typeof value !== 'string') continue;
		mapping[key.slice(4)] = value === '' ? null : value;
	}
	return mapping;
}

async function versionsOf(slug: string, url: URL) {
	const { orm, orgId } = getApp();
	const summary = await listVersions(orm.em.fork(), orgId, slug);
	const published = summary?.versions.filter((v) => v.status === 'published') ?? [];
	if (!summary || published.length < 2) return { summary, from: undefined, to: undefined };
	const to = Number(url.searchParams.get('to') ?? published[0]?.version);
	const from = Number(
		url.searchParams.get('from') ??
			published.find((v) => v.version < to && v.runningInstances > 0)?.version ??
			published[1]?.version
	);
	return { summary, from, to };
}

/** The plan and its dry run; the mapping the designer chose comes back as `map:<old>` fields. */
export const load: PageServerLoad = async ({ params, url }) => {
	const { summary, from, to } = await versionsOf(params.slug, url);
	if (!summary) error(404, m.designer_not_found());
	if (from === undefined || to === undefined)
		return { slug: params.slug, name: summary.name, versions: summary.versions, preview: null };
	const { orm, orgId, clock } = getApp();
	try {
		const preview = await previewMigration({
			em: orm.em.fork(),
			orgId,
			slug: params.slug,
			fromVersion: from,
			toVersion: to,
			overrides: readMapping(url.searchParams),
			now: clock.now()
		});
		return {
			slug: params.slug,
			name: summary.name,
			versions: summary.versions,
			preview: { ...preview, fromVersion: from, toVersion: to }
		};
	} catch (err) {
		if (isAppError(err) && err.code === 'not_found') error(404, m.designer_not_found());
		throw err;
	}
};

export const actions: Actions = {
	apply: async ({ params, request, locals }) => {
		const form = await request.formData();
		const from = Number(form.get('from'));
		const to = Number(form.get('to'));
		if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from === to)
			return fail(400, { message: m.designer_migrate_pick() });
		const { orm, orgId, registry, clock } = getApp();
		const outcome = await applyMigration({
			em: orm.em.fork(),
			orgId,
			slug: params.slug,
			fromVersion: from,
			toVersion: to,
			overrides: readMapping(form),
			registry,
			actorId: locals.actor?.accountId ?? null,
			now: clock.now(),
			batchSize: 50
		});
		return { outcome };
	}
};
