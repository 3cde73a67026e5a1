import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { getDefinitionVersion } from '$lib/server/definitions/service';
import { listVersions } from '$lib/server/designer';
import { m } from '$lib/paraglide/messages.js';
import type { PageServerLoad } from './$types';

/** Two versions side by side: `?a=1&b=2` (defaults: the two newest). */
export const load: PageServerLoad = async ({ params, url }) => {
	const { orm, orgId } = getApp();
	const em = orm.em.fork();
	const summary = await listVersions(em, orgId, params.slug);
	if (!summary || summary.versions.length === 0) error(404, m.designer_not_found());
	const numbers = summary.versions.map((v) => v.version);
	const b = Number(url.searchParams.get('b') ?? numbers[0]);
	const a = Number(url.searchParams.get('a') ?? numbers[1] ?? numbers[0]);
	if (!numbers.includes(a) || !numbers.includes(b)) error(404, m.designer_not_found());
	const [before, after] = await Promise.all([
		getDefinitionVersion(em, orgId, params.slug, a),
		getDefinitionVersion(em, orgId, params.slug, b)
	]);
	return {
		slug: params.slug,
		name: summary.name,
		numbers,
		a,
		b,
		before: before.content,
		after: after.content
	};
};
