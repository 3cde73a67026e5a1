import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { startApp, getApp, logger } from '$lib/server/app';
import { createAuthHandle } from '$lib/server/auth/handle';
import { getKeyring } from '$lib/server/crypto/keyring';

export const init: ServerInit = async () => {
	// Keys first (the embedded default generates and logs them on first start): seeding may encrypt.
	getKeyring();
	await startApp();
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** Every route requires a session unless the policy's rules table marks it public. */
const auth = createAuthHandle({ entityManager: () => getApp().orm.em.fork() });

export const handle = sequence(securityHeaders, i18n, auth);

export const handleError: HandleServerError = ({ error, event, status }) => {
	const errorId = crypto.randomUUID();
	if (status >= 500)
		logger.error({ err: error, errorId, path: event.url.pathname }, 'unhandled error');
	return {
		message: status >= 500 ? 'Internal error' : String((error as Error)?.message ?? error),
		errorId
	};
};
