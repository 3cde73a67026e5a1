import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';

export const GET: RequestHandler = async () => {
	try {
		await getApp().orm.em.fork().getConnection().execute('select 1');
		return json({ status: 'ok', db: 'ok' });
	} catch {
		return json({ status: 'error', db: 'unreachable' }, { status: 503 });
	}
};
