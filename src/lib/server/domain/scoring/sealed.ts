/**
 * An evaluation's score, grade and inputs (the attainments, the item breakdown and the outcome
 * proposal with its raise range) are confidential: they are stored as AES-256-GCM envelopes
 * bound to their column and the evaluation id (see `crypto/envelope`), never as plaintext.
 * Re-scoring needs none of them back: it recomputes from the goals' stored attainment, so
 * nothing of the evaluation stays queryable but its status, cycle, scheme and timestamps.
 * Values written before the columns were sealed (plain numbers and text) still read.
 */
import {
	decryptField,
	decryptJson,
	encryptField,
	encryptJson,
	getKeyring,
	isEnvelope,
	registerEncryptedColumn,
	type Keyring
} from '../../crypto/index';

registerEncryptedColumn({ table: 'evaluation', column: 'score', format: 'text' });
registerEncryptedColumn({ table: 'evaluation', column: 'grade', format: 'text' });
registerEncryptedColumn({ table: 'evaluation', column: 'inputs', format: 'json' });

const SCORE = 'evaluation.score';
const GRADE = 'evaluation.grade';
const INPUTS = 'evaluation.inputs';

/** What the update statement binds: envelopes, and the inputs as jsonb text. */
export type SealedEvaluation = {
	score: string | null;
	grade: string | null;
	inputs: string | null;
};

export function sealEvaluation(
	id: string,
	value: { score: number | null; grade: string | null; inputs: unknown },
	keyring: Keyring = getKeyring()
): SealedEvaluation {
	return {
		score:
			value.score === null
				? null
				: encryptField(String(value.score), { field: SCORE, recordId: id }, keyring),
		grade:
			value.grade === null
				? null
				: encryptField(value.grade, { field: GRADE, recordId: id }, keyring),
		inputs:
			value.inputs === null
				? null
				: JSON.stringify(encryptJson(value.inputs, { field: INPUTS, recordId: id }, keyring))
	};
}

/** Opens what {@link sealEvaluation} stored (or a plaintext value from before). */
export function openEvaluation<Inputs>(
	id: string,
	row: { score: string | number | null; grade: string | null; inputs: unknown },
	keyring: Keyring = getKeyring()
): { score: number | null; grade: string | null; inputs: Inputs | null } {
	const text = (value: string, field: string) =>
		isEnvelope(value) ? decryptField(value, { field, recordId: id }, keyring) : value;
	return {
		score: row.score === null ? null : Number(text(String(row.score), SCORE)),
		grade: row.grade === null ? null : text(row.grade, GRADE),
		inputs:
			row.inputs === null || row.inputs === undefined
				? null
				: decryptJson<Inputs>(row.inputs, { field: INPUTS, recordId: id }, keyring)
	};
}
