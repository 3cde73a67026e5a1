import { getApp } from '$lib/server/app';
import { requireSession } from '$lib/server/auth/handle';
import { execute } from '$lib/server/auth/sql';
import { deliverMail, listMail, smtpUrl } from '$lib/server/notify';
import type { PageServerLoad } from './$types';

type EngineRow = {
	id: string;
	kind: string;
	status: string;
	attempts: number;
	last_error: string | null;
	created_at: string;
	payload: { template?: string; actionType?: string };
};

export const load: PageServerLoad = async (event) => {
	requireSession(event);
	const { orm, orgId, clock } = getApp();
	// Until a worker renders mail on its own tick, opening the outbox renders what is pending.
	await deliverMail({ em: orm.em.fork(), now: clock.now(), origin: event.url.origin });
	const [mail, engine] = await Promise.all([
		listMail({ em: orm.em.fork(), orgId }),
		execute<EngineRow>(
			orm.em.fork(),
			`select id, kind, status, attempts, last_error, created_at, payload from outbox
			  where organisation_id = ?::uuid and status in ('pending','failed')
			  order by created_at desc limit 100`,
			[orgId]
		)
	]);
	return {
		mail,
		engine: engine.map((row) => ({
			id: row.id,
			kind: row.kind,
			what: row.payload.template ?? row.payload.actionType ?? '',
			status: row.status,
			attempts: row.attempts,
			lastError: row.last_error,
			createdAt: new Date(row.created_at).toISOString()
		})),
		isSmtpConfigured: Boolean(smtpUrl())
	};
};
