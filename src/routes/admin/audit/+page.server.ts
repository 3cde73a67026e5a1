import { getApp } from '$lib/server/app';
import { requirePermission } from '$lib/server/auth/handle';
import { auditFacets, listAudit } from '$lib/server/audit/query';
import { organisationTarget } from '$lib/server/policy/decide';
import { AUDIT_PAGE_SIZE, auditFilterFromUrl } from './filter';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const app = getApp();
	const em = app.orm.em.fork();
	const actor = await requirePermission(
		event,
		em,
		'audit.read',
		organisationTarget(event.locals.session?.organisationId ?? '')
	);
	event.setHeaders({ 'cache-control': 'no-store' });
	const filter = auditFilterFromUrl(event.url, actor.organisationId);
	const { rows, total } = await listAudit(em, {
		...filter,
		limit: AUDIT_PAGE_SIZE,
		offset: (filter.page - 1) * AUDIT_PAGE_SIZE
	});
	const facets = await auditFacets(em, actor.organisationId);
	return {
		rows: rows.map((row) => ({
			...row,
			at: row.at.toISOString(),
			before: row.before === null ? null : JSON.stringify(row.before),
			after: row.after === null ? null : JSON.stringify(row.after)
		})),
		total,
		page: filter.page,
		pageSize: AUDIT_PAGE_SIZE,
		facets,
		query: Object.fromEntries(event.url.searchParams)
	};
};
