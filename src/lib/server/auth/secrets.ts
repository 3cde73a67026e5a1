import { createHash, randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** 32 random bytes, base64url: the session cookie and the invitation/reset link secret. */
export function generateToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Only this is stored: a leaked table cannot be replayed as cookies or links. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~20 ms here, costly enough offline.
const ARGON2 = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** A password the product accepts: long enough; length is what matters (NIST 800-63B). */
export function checkPasswordStrength(
	password: string
): { ok: true } | { ok: false; code: 'too_short' | 'too_long' } {
	if ([...password].length < PASSWORD_MIN_LENGTH) return { ok: false, code: 'too_short' };
	if (password.length > PASSWORD_MAX_LENGTH) return { ok: false, code: 'too_long' };
	return { ok: true };
}

export function hashPassword(password: string): Promise<string> {
	return hash(password.normalize('NFKC'), ARGON2);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. With no stored hash (unknown email, invited account) it still spends the
 * time of one verification, so response time does not tell whether an account exists.
 */
export async function verifyPassword(
	storedHash: string | null | undefined,
	password: string
): Promise<boolean> {
	if (!storedHash) {
		dummyHash ??= hashPassword(generateToken());
		await verify(await dummyHash, password.normalize('NFKC')).catch(() => false);
		return false;
	}
	try {
		return await verify(storedHash, password.normalize('NFKC'));
	} catch {
		return false;
	}
}
