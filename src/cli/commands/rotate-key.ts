import { connectDatabase } from '../../lib/server/db/connection';
import {
	createMemoryKeyring,
	defaultKeyFile,
	fileKeyring,
	generateKey,
	keyringFromEnv,
	writeKeyFile,
	type Keyring
} from '../../lib/server/crypto/keyring';
import { countStaleValues, rotateEncryptedColumns } from '../../lib/server/crypto/rotate';
// These modules register their encrypted columns when loaded; rotation must know every one.
import '../../lib/server/domain/scoring/sealed';
import '../../lib/server/feedback/service';

const USAGE = `Usage: loopwork rotate-key [--resume] [--batch-size N]

Re-encrypts every encrypted column under the current key, in short batches while the app runs.
  With LOOPWORK_ENCRYPTION_KEYS set: put the new key first (keep the old ones listed), deploy
  that to every app process, then run this; drop the old keys once it reports 0 remaining.
  Without it (embedded default): adds a new key to the data directory's key file and makes it
  current (old keys stay readable), then re-encrypts. --resume continues an interrupted run
  without adding another key.`;

function parseArgs(args: string[]): { resume: boolean; batchSize: number } | string {
	let resume = false;
	let batchSize = 500;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--resume') resume = true;
		else if (arg === '--batch-size') {
			batchSize = Number(args[++i]);
			if (!Number.isInteger(batchSize) || batchSize < 1)
				return '--batch-size needs a positive integer';
		} else return `unknown option ${arg}`;
	}
	return { resume, batchSize };
}

function prepareKeyring(resume: boolean): { keyring: Keyring; note: string } {
	const fromEnv = keyringFromEnv(process.env);
	if (fromEnv)
		return {
			keyring: fromEnv,
			note: `re-encrypting under ${fromEnv.current().id} (LOOPWORK_ENCRYPTION_KEYS)`
		};
	const file = defaultKeyFile();
	const existing = fileKeyring(file);
	if (resume)
		return { keyring: existing, note: `resuming under ${existing.current().id} (${file})` };
	const old = existing
		.ids()
		.map((id) => existing.get(id))
		.filter((key) => key !== undefined);
	const fresh = generateKey();
	writeKeyFile(file, [fresh, ...old]);
	return {
		keyring: createMemoryKeyring([fresh, ...old], 'file'),
		note: `added key ${fresh.id} to ${file}`
	};
}

/** `loopwork rotate-key`: see {@link USAGE}. Exit 0 when nothing is left under an old key. */
export async function runRotateKey(args: string[]): Promise<number> {
	const options = parseArgs(args);
	if (typeof options === 'string') {
		console.error(`loopwork rotate-key: ${options}\n\n${USAGE}`);
		return 2;
	}
	const { keyring, note } = prepareKeyring(options.resume);
	console.log(note);
	const db = await connectDatabase({ migrate: false });
	try {
		const em = db.orm.em.fork();
		const results = await rotateEncryptedColumns({
			em,
			keyring,
			batchSize: options.batchSize,
			onProgress: (p) => console.log(`  ${p.table}.${p.column}: ${p.rewritten} re-encrypted`)
		});
		const remaining = await countStaleValues({ em, keyring });
		const total = results.reduce((n, r) => n + r.rewritten, 0);
		console.log(
			`${total} values re-encrypted under ${keyring.current().id}; ${remaining} remaining under older keys`
		);
		if (remaining > 0)
			console.log('values written meanwhile under an old key remain: run again with --resume');
		return remaining === 0 ? 0 : 1;
	} finally {
		await db.close();
	}
}
