import {
	createCipheriv,
	createDecipheriv,
	createSecretKey,
	randomBytes,
	type KeyObject
} from 'node:crypto';
import { CryptoError } from './errors';
import { getKeyring, type Keyring } from './keyring';

/**
 * A sealed field: `lw1:<keyId>:<iv>:<ciphertext>:<tag>` (base64url parts), stored in a text
 * column, or as `{ "$enc": envelope }` inside jsonb. AES-256-GCM with a fresh 12-byte IV per
 * value; the additional data binds the value to its field and record, so a ciphertext copied
 * onto another row or into another column does not decrypt.
 */
export const ENVELOPE_PREFIX = 'lw1:';

/** Which value this is: `field` names the column (`evaluation.comment`), `recordId` the row. */
export type FieldContext = { readonly field: string; readonly recordId: string };

function additionalData(context: FieldContext): Buffer {
	if (!context.field || !context.recordId) throw new TypeError('field and recordId are required');
	return Buffer.from(`${ENVELOPE_PREFIX}${context.field}\u0000${context.recordId}`, 'utf8');
}

export function isEnvelope(value: unknown): value is string {
	return typeof value === 'string' && value.startsWith(ENVELOPE_PREFIX);
}

/** The key id an envelope was sealed with. */
export function envelopeKeyId(envelope: string): string {
	const keyId = envelope.split(':')[1];
	if (!isEnvelope(envelope) || !keyId) throw CryptoError.badEnvelope();
	return keyId;
}

/**
 * Seals `plaintext` for one field of one record under the keyring's current key.
 * @example encryptField(comment, { field: 'evaluation.comment', recordId: evaluation.id })
 */
const IV_BYTES = 12;
const IV_POOL = IV_BYTES * 1024;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;

/**
 * A fresh random IV. One `randomBytes` call per IV cost half of sealing a field; the IVs are
 * cut from a pool of CSPRNG bytes instead, each used once (a refill is a new buffer, so an
 * IV handed out earlier is never overwritten).
 */
function nextIv(): Buffer {
	if (ivOffset + IV_BYTES > ivPool.length) {
		ivPool = randomBytes(IV_POOL);
		ivOffset = 0;
	}
	const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES);
	ivOffset += IV_BYTES;
	return iv;
}

const keyObjects = new WeakMap<Buffer, KeyObject>();

/** The key as a KeyObject, made once per key rather than once per field. */
function keyObject(key: Buffer): KeyObject {
	let object = keyObjects.get(key);
	if (!object) keyObjects.set(key, (object = createSecretKey(key)));
	return object;
}

export function encryptField(
	plaintext: string,
	context: FieldContext,
	keyring: Keyring = getKeyring()
): string {
	const { id, key } = keyring.current();
	const iv = nextIv();
	const cipher = createCipheriv('aes-256-gcm', keyObject(key), iv);
	cipher.setAAD(additionalData(context));
	const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	const tag = cipher.getAuthTag();
	return [
		'lw1',
		id,
		iv.toString('base64url'),
		ciphertext.toString('base64url'),
		tag.toString('base64url')
	].join(':');
}

/** Opens an envelope sealed by {@link encryptField} for the same field and record. */
export function decryptField(
	envelope: string,
	context: FieldContext,
	keyring: Keyring = getKeyring()
): string {
	const parts = envelope.split(':');
	if (parts.length !== 5 || parts[0] !== 'lw1') throw CryptoError.badEnvelope();
	const [, keyId, ivText, ciphertextText, tagText] = parts as [
		string,
		string,
		string,
		string,
		string
	];
	let entry = keyring.get(keyId);
	if (!entry && keyring.reload()) entry = keyring.get(keyId);
	if (!entry) throw CryptoError.unknownKey(keyId);
	const iv = Buffer.from(ivText, 'base64url');
	const tag = Buffer.from(tagText, 'base64url');
	if (iv.length !== 12 || tag.length !== 16) throw CryptoError.badEnvelope();
	try {
		const decipher = createDecipheriv('aes-256-gcm', keyObject(entry.key), iv, {
			authTagLength: 16
		});
		decipher.setAAD(additionalData(context));
		decipher.setAuthTag(tag);
		return Buffer.concat([
			decipher.update(Buffer.from(ciphertextText, 'base64url')),
			decipher.final()
		]).toString('utf8');
	} catch {
		throw CryptoError.tampered();
	}
}

/** Seals any JSON value (a grade, a salary proposal) as `{ "$enc": envelope }` for a jsonb column. */
export function encryptJson(
	value: unknown,
	context: FieldContext,
	keyring: Keyring = getKeyring()
): { $enc: string } {
	return { $enc: encryptField(JSON.stringify(value), context, keyring) };
}

export function isSealedJson(value: unknown): value is { $enc: string } {
	return (
		typeof value === 'object' && value !== null && isEnvelope((value as { $enc?: unknown }).$enc)
	);
}

/** Opens what {@link encryptJson} sealed; other values pass through unchanged. */
export function decryptJson<T = unknown>(
	value: unknown,
	context: FieldContext,
	keyring: Keyring = getKeyring()
): T {
	if (!isSealedJson(value)) return value as T;
	return JSON.parse(decryptField(value.$enc, context, keyring)) as T;
}

/** Re-seals under the current key (rotation); returns the input when it is already current. */
export function reencryptField(
	envelope: string,
	context: FieldContext,
	keyring: Keyring = getKeyring()
): string {
	if (envelopeKeyId(envelope) === keyring.current().id) return envelope;
	return encryptField(decryptField(envelope, context, keyring), context, keyring);
}
