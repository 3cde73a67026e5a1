import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNotification, listMail } from '../../src/lib/server/notify/index';
import { startWorkers } from '../../src/lib/server/runtime/workers';
import { setupInboxFixture, T0, type InboxFixture } from './inbox-fixture';

type Received = { from: string; to: string[]; data: string };

/** Just enough SMTP for nodemailer: greeting, EHLO/HELO, MAIL, RCPT, DATA and QUIT. */
function smtpListener(refuse: (to: string) => boolean) {
	const received: Received[] = [];
	const server: Server = createServer((socket: Socket) => {
		let buffer = '';
		let inData = false;
		let current: Received = { from: '', to: [], data: '' };
		socket.write('220 localhost test SMTP\r\n');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					current.data = buffer.slice(0, end);
					buffer = buffer.slice(end + 5);
					inData = false;
					received.push(current);
					current = { from: '', to: [], data: '' };
					socket.write('250 queued\r\n');
					continue;
				}
				const eol = buffer.indexOf('\r\n');
				if (eol < 0) return;
				const line = buffer.slice(0, eol);
				buffer = buffer.slice(eol + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO' || verb === 'HELO') socket.write('250 localhost\r\n');
				else if (verb === 'MAIL') {
					current.from = line;
					socket.write('250 ok\r\n');
				} else if (verb === 'RCPT') {
					if (refuse(line)) socket.write('550 no such mailbox\r\n');
					else {
						current.to.push(line);
						socket.write('250 ok\r\n');
					}
				} else if (verb === 'DATA') {
					inData = true;
					socket.write('354 end with <CRLF>.<CRLF>\r\n');
				} else if (verb === 'QUIT') {
					socket.end('221 bye\r\n');
					return;
				} else if (verb === 'RSET' || verb === 'NOOP') socket.write('250 ok\r\n');
				else socket.write('502 not implemented\r\n');
			}
		});
		socket.on('error', () => undefined);
	});
	return { server, received };
}

let fx: InboxFixture;
let smtp: ReturnType<typeof smtpListener>;
let url: string;
beforeAll(async () => {
	fx = await setupInboxFixture();
	smtp = smtpListener((line) => line.includes('wang.wu'));
	await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
	const address = smtp.server.address();
	if (!address || typeof address === 'string') throw new Error('no port');
	url = `smtp://127.0.0.1:${address.port}`;
	process.env.LOOPWORK_SMTP_URL = url;
});
afterAll(async () => {
	delete process.env.LOOPWORK_SMTP_URL;
	await new Promise((resolve) => smtp?.server.close(resolve));
	await fx?.db.close();
});

describe('mail through SMTP from the worker tick', () => {
	it('sends a pending mail once even when the tick runs twice', async () => {
		await insertNotification(fx.em(), {
			orgId: fx.orgId,
			instanceId: null,
			recipientPersonId: fx.people.zhang,
			template: 'goalsReturned',
			params: {},
			now: T0
		});
		let now = new Date(T0.getTime() + 1000);
		const workers = startWorkers({
			orm: fx.db.orm,
			clock: () => ({ now: () => now }),
			intervalMs: 60_000
		});
		try {
			await Promise.all([workers.tick(), workers.tick()]);
			await workers.tick();
			expect(smtp.received).toHaveLength(1);
			expect(smtp.received[0]?.to.join()).toContain('zhang.san@example.test');
			expect(smtp.received[0]?.data).toContain('Zhang San');
			const [mail] = await listMail({ em: fx.em(), orgId: fx.orgId });
			expect(mail).toMatchObject({ toEmail: 'zhang.san@example.test', status: 'sent' });
			expect(mail?.sentAt).toBe(now.toISOString());

			// A refused recipient stays pending with the error, is retried after the backoff only,
			// and is given up as failed after the last attempt.
			await insertNotification(fx.em(), {
				orgId: fx.orgId,
				instanceId: null,
				recipientPersonId: fx.people.wang,
				template: 'goalsReturned',
				params: {},
				now
			});
			const created = now.getTime();
			const wang = async () =>
				(
					await fx.query<{ status: string; attempts: number; last_error: string | null }>(
						'select status, attempts, last_error from mail_message where to_email = ?',
						['wang.wu@example.test']
					)
				)[0];
			await workers.tick();
			expect(await wang()).toMatchObject({ status: 'pending', attempts: 1 });
			expect((await wang())?.last_error).toContain('550');
			await workers.tick();
			expect((await wang())?.attempts).toBe(1);
			for (const [minutes, attempts] of [
				[1, 2],
				[3, 3],
				[7, 4]
			] as const) {
				now = new Date(created + minutes * 60_000 + 1000);
				await workers.tick();
				expect(await wang()).toMatchObject({ status: 'pending', attempts });
			}
			now = new Date(created + 15 * 60_000 + 1000);
			await workers.tick();
			expect(await wang()).toMatchObject({ status: 'failed', attempts: 5 });
			expect(smtp.received).toHaveLength(1);
		} finally {
			await workers.stop();
		}
	});
});
