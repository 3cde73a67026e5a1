import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	decryptField,
	decryptJson,
	encryptField,
	encryptJson,
	envelopeKeyId,
	reencryptField
} from './envelope';
import {
	createMemoryKeyring,
	fileKeyring,
	generateKey,
	keyringFromEnv,
	writeKeyFile
} from './keyring';

const context = { field: 'evaluation.comment', recordId: '5f7c1a1e-0000-4000-8000-000000000001' };
const keyA = generateKey(new Date('2025-01-01'));
const keyB = generateKey(new Date('2025-06-01'));

describe('field envelope', () => {
	const keyring = createMemoryKeyring([keyA]);

	it('round-trips and never contains the plaintext', () => {
		const sealed = encryptField('Exceeds expectations — 加薪 5%', context, keyring);
		expect(sealed.startsWith(`lw1:${keyA.id}:`)).toBe(true);
		expect(sealed).not.toContain('Exceeds');
		expect(decryptField(sealed, context, keyring)).toBe('Exceeds expectations — 加薪 5%');
	});

	it('uses a fresh IV for every value', () => {
		const one = encryptField('A', context, keyring);
		const two = encryptField('A', context, keyring);
		expect(one).not.toBe(two);
		expect(one.split(':')[2]).not.toBe(two.split(':')[2]);
	});

	it('refuses a value moved to another record or field', () => {
		const sealed = encryptField('grade A', context, keyring);
		expect(() => decryptField(sealed, { ...context, recordId: 'other' }, keyring)).toThrow(
			/cannot be decrypted/
		);
		expect(() => decryptField(sealed, { ...context, field: 'evaluation.grade' }, keyring)).toThrow(
			/cannot be decrypted/
		);
	});

	it('refuses a modified ciphertext or tag', () => {
		const sealed = encryptField('grade A', context, keyring);
		const parts = sealed.split(':');
		const flipped = Buffer.from(parts[3] as string, 'base64url');
		flipped[0] = (flipped[0] ?? 0) ^ 1;
		parts[3] = flipped.toString('base64url');
		expect(() => decryptField(parts.join(':'), context, keyring)).toThrow(/cannot be decrypted/);
		expect(() => decryptField('lw1:x:y', context, keyring)).toThrow(/not an encryption envelope/);
	});

	it('names a missing key', () => {
		const sealed = encryptField('x', context, createMemoryKeyring([keyB]));
		expect(() => decryptField(sealed, context, keyring)).toThrow(new RegExp(keyB.id));
	});

	it('seals JSON values for jsonb columns', () => {
		const sealed = encryptJson({ grade: 'A', raise: 0.05 }, context, keyring);
		expect(JSON.stringify(sealed)).not.toContain('raise');
		expect(decryptJson(sealed, context, keyring)).toEqual({ grade: 'A', raise: 0.05 });
		expect(decryptJson({ plain: true }, context, keyring)).toEqual({ plain: true });
	});

	it('re-encrypts under the current key while old keys stay readable', () => {
		const old = encryptField('secret', context, createMemoryKeyring([keyA]));
		const rotated = createMemoryKeyring([keyB, keyA]);
		expect(decryptField(old, context, rotated)).toBe('secret');
		const fresh = reencryptField(old, context, rotated);
		expect(envelopeKeyId(fresh)).toBe(keyB.id);
		expect(reencryptField(fresh, context, rotated)).toBe(fresh);
	});
});

describe('keyrings', () => {
	it('reads LOOPWORK_ENCRYPTION_KEYS with the first key current', () => {
		const keyring = keyringFromEnv({
			LOOPWORK_ENCRYPTION_KEYS: `new:${keyB.key.toString('base64')}, old:${keyA.key.toString('base64')}`
		});
		expect(keyring?.current().id).toBe('new');
		expect(keyring?.ids()).toEqual(['new', 'old']);
	});

	it('derives an id for a bare LOOPWORK_ENCRYPTION_KEY and rejects short keys', () => {
		const keyring = keyringFromEnv({ LOOPWORK_ENCRYPTION_KEY: keyA.key.toString('base64') });
		expect(keyring?.current().id).toMatch(/^k[0-9a-f]{10}$/);
		expect(keyringFromEnv({})).toBeUndefined();
		expect(() => keyringFromEnv({ LOOPWORK_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
	});

	it('generates a private key file on first use and picks up a key added later', () => {
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'lw-keys-')), 'encryption-keys.json');
		const keyring = fileKeyring(file);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const first = keyring.current();
		expect(fileKeyring(file).current().id).toBe(first.id);

		const sealedByCli = encryptField('x', context, createMemoryKeyring([keyB]));
		writeKeyFile(file, [keyB, first]);
		// Force a different mtime even on coarse file systems.
		writeFileSync(file, readFileSync(file));
		expect(decryptField(sealedByCli, context, keyring)).toBe('x');
		expect(keyring.current().id).toBe(keyB.id);
	});
});
