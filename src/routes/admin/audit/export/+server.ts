import { getApp } from '$lib/server/app';
import { requirePermission } from '$lib/server/auth/handle';
import { auditCsv } from '$lib/server/audit/csv';
import { listAudit } from '$lib/server/audit/query';
import { recordAudit } from '$lib/server/audit/record';
import { organisationTarget } from '$lib/server/policy/decide';
import { auditFilterFromUrl } from '../filter';
import type { RequestHandler } from './$types';

/** The filtered trail as CSV (up to 10 000 rows, newest first). The export is itself audited. */
export const GET: RequestHandler = async (event) => {
	const app = getApp();
	const em = app.orm.em.fork();
	const actor = await requirePermission(
		event,
		em,
		'audit.read',
		organisationTarget(event.locals.session?.organisationId ?? '')
	);
	const filter = auditFilterFromUrl(event.url, actor.organisationId);
	const { rows } = await listAudit(em, { ...filter, limit: 10_000, offset: 0 });
	await recordAudit(em, {
		organisationId: actor.organisationId,
		actor: { accountId: actor.accountId, label: event.locals.session?.email ?? '' },
		action: 'audit.export',
		entity: 'audit_log',
		after: { rows: rows.length, query: Object.fromEntries(event.url.searchParams) },
		ip: event.getClientAddress()
	});
	const stamp = app.clock.now().toISOString().slice(0, 10);
	return new Response(auditCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="loopwork-audit-${stamp}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
