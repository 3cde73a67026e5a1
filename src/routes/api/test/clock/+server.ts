import { error, json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { isAdjustableClock, parseInstant } from '$lib/server/clock';
import { deliverMail } from '$lib/server/notify';
import { parseIsoDuration } from '$lib/engine/duration';
import type { RequestHandler } from './$types';

/** Test mode only: anywhere else this endpoint does not exist. */
function testClock() {
	const app = getApp();
	if (process.env.LOOPWORK_TEST_MODE !== '1' || !isAdjustableClock(app.clock))
		error(404, 'Not found');
	return { app, clock: app.clock };
}

export const GET: RequestHandler = () => {
	const { clock } = testClock();
	return json({ now: clock.now().toISOString() });
};

/**
 * Moves the engine's clock (`{ "advance": "P21D" }` or milliseconds, or `{ "set": instant }`),
 * then drains what came due: timers fire, the outbox delivers, mail is rendered and kept.
 */
export const POST: RequestHandler = async ({ request, url }) => {
	const { app, clock } = testClock();
	const body = (await request.json().catch(() => ({}))) as { advance?: unknown; set?: unknown };
	if (typeof body.set === 'string' || typeof body.set === 'number') {
		clock.set(parseInstant(body.set));
	} else if (typeof body.advance === 'number' && Number.isFinite(body.advance)) {
		clock.advance(body.advance);
	} else if (typeof body.advance === 'string') {
		const ms = parseIsoDuration(body.advance);
		if (ms === undefined) error(400, 'advance must be an ISO-8601 duration or milliseconds');
		clock.advance(ms);
	} else {
		error(400, 'send { "advance": "P21D" } or { "set": "2025-03-01T00:00:00Z" }');
	}
	// Twice: a timer's step may write outbox rows that the same drain then delivers.
	await app.workers?.tick();
	await app.workers?.tick();
	const mail = await deliverMail({ em: app.orm.em.fork(), now: clock.now(), origin: url.origin });
	return json({ now: clock.now().toISOString(), mailKept: mail.kept });
};
