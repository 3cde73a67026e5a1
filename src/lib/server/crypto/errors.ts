/** Failures of field encryption. None of them is retryable: each means wrong keys or data. */
export class CryptoError extends Error {
	override readonly name = 'CryptoError';
	constructor(
		readonly code: 'bad_key' | 'no_key' | 'unknown_key' | 'bad_envelope' | 'tampered',
		message: string
	) {
		super(message);
	}

	static badKey(id: string, why: string): CryptoError {
		return new CryptoError('bad_key', `Encryption key "${id}" is unusable: ${why}`);
	}
	static noKey(): CryptoError {
		return new CryptoError('no_key', 'No encryption key is configured');
	}
	static unknownKey(id: string): CryptoError {
		return new CryptoError(
			'unknown_key',
			`A value is sealed with key "${id}", which this process does not have (add it to LOOPWORK_ENCRYPTION_KEYS)`
		);
	}
	static badEnvelope(): CryptoError {
		return new CryptoError('bad_envelope', 'The value is not an encryption envelope');
	}
	static tampered(): CryptoError {
		// Deliberately vague: wrong record, wrong field and a modified ciphertext look the same.
		return new CryptoError('tampered', 'The value cannot be decrypted for this record');
	}
}
