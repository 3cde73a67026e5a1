import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { getDefinitionVersion } from '$lib/server/definitions/service';
import { getDraft, listVersions } from '$lib/server/designer';
import { withServerLayout } from '$lib/server/designer/layout';
import { m } from '$lib/paraglide/messages.js';
import type { PageServerLoad } from './$types';

/**
 * Opens the draft when there is one, else the latest version; `?v=N` opens version N read-only
 * (a published version never changes) with a button to edit a draft from it.
 */
export const load: PageServerLoad = async ({ params, url }) => {
	const { orm, orgId } = getApp();
	const em = orm.em.fork();
	const [summary, draft] = await Promise.all([
		listVersions(em, orgId, params.slug),
		getDraft(em, orgId, params.slug)
	]);
	if (!summary && !draft) error(404, m.designer_not_found());
	const versions = summary?.versions ?? [];
	const asked = url.searchParams.get('v');
	const number = asked ? Number(asked) : undefined;
	if (number !== undefined && !versions.some((v) => v.version === number))
		error(404, m.designer_not_found());
	const latest = versions[0];
	const version =
		number !== undefined || (!draft && latest)
			? await getDefinitionVersion(em, orgId, params.slug, number ?? (latest?.version as number))
			: undefined;
	const isDraft = number === undefined && draft !== null;
	const opened = isDraft
		? draft.content
		: (version?.content as Record<string, unknown> | undefined);
	return {
		slug: params.slug,
		name: summary?.name ?? { en: params.slug },
		versions,
		// Laid out here when the definition has no complete layout: the first paint has positions.
		content: opened
			? ((await withServerLayout(opened)) as unknown as Record<string, unknown>)
			: undefined,
		baseVersion: isDraft ? draft.baseVersion : (version?.version ?? null),
		openedVersion: number ?? null,
		isDraft,
		draftUpdatedAt: draft?.updatedAt ?? null,
		hasDraft: draft !== null
	};
};
