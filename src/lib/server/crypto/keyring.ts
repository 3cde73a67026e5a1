import { createHash, randomBytes } from 'node:crypto';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	readFileSync,
	renameSync,
	statSync,
	writeFileSync
} from 'node:fs';
import path from 'node:path';
import { logger } from '../log';
import { CryptoError } from './errors';

/** One AES-256 key. `id` is stored in every envelope it seals. */
export type EncryptionKey = { readonly id: string; readonly key: Buffer };

/**
 * The keys this process can use: `current` seals new values, every listed key opens old ones.
 * A file-backed keyring re-reads its file when asked for a key it does not know, so an app that
 * keeps running while `loopwork rotate-key` adds a key can read what the rotation wrote.
 */
export type Keyring = {
	readonly source: 'env' | 'file' | 'memory';
	current(): EncryptionKey;
	get(id: string): EncryptionKey | undefined;
	ids(): string[];
	/** Re-reads the backing store, if there is one; returns true when something changed. */
	reload(): boolean;
};

const KEY_ID = /^[A-Za-z0-9_-]{1,40}$/;

export function decodeKey(base64: string, id: string): EncryptionKey {
	const key = Buffer.from(base64.trim(), 'base64');
	if (key.length !== 32) throw CryptoError.badKey(id, `expected 32 bytes, got ${key.length}`);
	if (!KEY_ID.test(id)) throw CryptoError.badKey(id, 'ids use letters, digits, "-" and "_"');
	return { id, key };
}

/** A stable id for a key given without one: a short hash, which reveals nothing of the key. */
export function derivedKeyId(key: Buffer): string {
	return `k${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}

/** A new random key with a sortable id (`k20250601-1a2b3c`). */
export function generateKey(now: Date = new Date()): EncryptionKey {
	const day = now.toISOString().slice(0, 10).replaceAll('-', '');
	return { id: `k${day}-${randomBytes(3).toString('hex')}`, key: randomBytes(32) };
}

/** A keyring over fixed keys; the first is current. */
export function createMemoryKeyring(
	keys: EncryptionKey[],
	source: Keyring['source'] = 'memory'
): Keyring {
	const first = keys[0];
	if (!first) throw CryptoError.noKey();
	const byId = new Map(keys.map((key) => [key.id, key]));
	return {
		source,
		current: () => first,
		get: (id) => byId.get(id),
		ids: () => [...byId.keys()],
		reload: () => false
	};
}

/**
 * Parses `LOOPWORK_ENCRYPTION_KEYS` (`id:base64,id:base64`, the first is current, the rest stay
 * readable) or `LOOPWORK_ENCRYPTION_KEY` (`base64` or `id:base64`). Undefined when neither is set.
 */
export function keyringFromEnv(env: Record<string, string | undefined>): Keyring | undefined {
	const list = env.LOOPWORK_ENCRYPTION_KEYS?.trim() || env.LOOPWORK_ENCRYPTION_KEY?.trim();
	if (!list) return undefined;
	const keys = list
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean)
		.map((entry) => {
			const colon = entry.indexOf(':');
			if (colon < 0) {
				const key = decodeKey(entry, 'env');
				return { id: derivedKeyId(key.key), key: key.key };
			}
			return decodeKey(entry.slice(colon + 1), entry.slice(0, colon));
		});
	return createMemoryKeyring(keys, 'env');
}

type KeyFile = { current: string; keys: { id: string; key: string; createdAt: string }[] };

function readKeyFile(file: string): EncryptionKey[] {
	const parsed = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
	const keys = parsed.keys.map((entry) => decodeKey(entry.key, entry.id));
	const current = keys.find((key) => key.id === parsed.current);
	if (!current) throw CryptoError.badKey(parsed.current, `not listed in ${path.basename(file)}`);
	return [current, ...keys.filter((key) => key !== current)];
}

/** Writes the key file atomically (temp file + rename), readable by the owner only. */
export function writeKeyFile(file: string, keys: EncryptionKey[], now: Date = new Date()): void {
	const first = keys[0];
	if (!first) throw CryptoError.noKey();
	const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as KeyFile).keys : [];
	const content: KeyFile = {
		current: first.id,
		keys: keys.map((key) => ({
			id: key.id,
			key: key.key.toString('base64'),
			createdAt: previous.find((entry) => entry.id === key.id)?.createdAt ?? now.toISOString()
		}))
	};
	mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
	const temp = `${file}.${process.pid}.tmp`;
	writeFileSync(temp, `${JSON.stringify(content, null, '\t')}\n`, { mode: 0o600 });
	chmodSync(temp, 0o600);
	renameSync(temp, file);
}

/** A keyring kept in a JSON file; created with one new key when the file does not exist. */
export function fileKeyring(file: string): Keyring {
	if (!existsSync(file)) {
		writeKeyFile(file, [generateKey()]);
		logger.warn(
			{ file },
			'generated a new encryption key file; back it up with the data directory, or set LOOPWORK_ENCRYPTION_KEYS'
		);
	}
	let keys = readKeyFile(file);
	let mtime = statSync(file).mtimeMs;
	const reload = (): boolean => {
		const now = statSync(file).mtimeMs;
		if (now === mtime) return false;
		keys = readKeyFile(file);
		mtime = now;
		return true;
	};
	// A running app notices a key that `rotate-key` made current within a few seconds, so it
	// stops sealing new values under the key being retired.
	let checkedAt = Date.now();
	const current = (): EncryptionKey => {
		if (Date.now() - checkedAt > 5_000) {
			checkedAt = Date.now();
			reload();
		}
		return keys[0] as EncryptionKey;
	};
	return {
		source: 'file',
		current,
		get: (id) => keys.find((key) => key.id === id),
		ids: () => keys.map((key) => key.id),
		reload
	};
}

/** Where the embedded default keeps its keys. */
export function defaultKeyFile(env: Record<string, string | undefined> = process.env): string {
	return path.resolve(env.LOOPWORK_DATA_DIR ?? 'data', 'encryption-keys.json');
}

let active: Keyring | undefined;

/**
 * The process-wide keyring: from the environment when a key is set there, else the key file in
 * the data directory (generated on first start). Several app processes on one PostgreSQL must
 * share their keys, so that fallback is logged as a warning when `DATABASE_URL` is set.
 */
export function getKeyring(): Keyring {
	if (active) return active;
	const fromEnv = keyringFromEnv(process.env);
	if (fromEnv) {
		logger.info({ keyIds: fromEnv.ids() }, 'encryption keys loaded from the environment');
		active = fromEnv;
		return active;
	}
	const file = defaultKeyFile();
	active = fileKeyring(file);
	if (process.env.DATABASE_URL) {
		logger.warn(
			{ file },
			'LOOPWORK_ENCRYPTION_KEYS is not set: using the key file in the data directory'
		);
	} else {
		logger.info({ file, keyIds: active.ids() }, 'encryption keys loaded from the data directory');
	}
	return active;
}

/** Replaces the process-wide keyring (tests, the rotate-key command). */
export function setKeyring(keyring: Keyring | undefined): void {
	active = keyring;
}
