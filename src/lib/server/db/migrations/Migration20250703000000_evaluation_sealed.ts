import { Migration } from '@mikro-orm/migrations';
import { openEvaluation, sealEvaluation } from '../../domain/scoring/sealed';

type Row = { id: string; score: string | null; grade: string | null; inputs: unknown };

const BATCH = 2_000;

/**
 * Evaluation score, grade and inputs (with the outcome proposal) become AES-256-GCM envelopes:
 * score turns from a number into text, and the values already stored are sealed here, in
 * batches, under the current key (the keys live with the app, not in the database). Re-scoring
 * recomputes from goal attainment and never reads them back, so nothing needs to stay plain.
 */
export class Migration20250703000000_evaluation_sealed extends Migration {
	private async rewrite(
		where: string,
		convert: (row: Row) => { score: string | null; grade: string | null; inputs: string | null }
	): Promise<void> {
		let after = '00000000-0000-0000-0000-000000000000';
		for (;;) {
			const rows = (await this.execute(
				`select id::text as id, score::text as score, grade, inputs from evaluation
				 where id > ?::uuid and (${where}) order by id limit ${BATCH}`,
				[after]
			)) as Row[];
			if (rows.length === 0) return;
			const values = rows.map((row) => ({ id: row.id, ...convert(row) }));
			await this.execute(
				`update evaluation e set score = v.score, grade = v.grade, inputs = v.inputs::jsonb
				 from jsonb_to_recordset(?::jsonb) as v(id uuid, score text, grade text, inputs text)
				 where e.id = v.id`,
				[JSON.stringify(values)]
			);
			after = rows.at(-1)?.id ?? after;
		}
	}

	override async up(): Promise<void> {
		await this.execute('alter table evaluation alter column score type text using score::text');
		await this.rewrite(
			`score not like 'lw1:%' or grade not like 'lw1:%' or (inputs is not null and inputs ->> '$enc' is null)`,
			(row) => {
				const plain = openEvaluation(row.id, row);
				return sealEvaluation(row.id, plain);
			}
		);
	}

	override async down(): Promise<void> {
		await this.rewrite('score is not null or grade is not null or inputs is not null', (row) => {
			const plain = openEvaluation(row.id, row);
			return {
				score: plain.score === null ? null : String(plain.score),
				grade: plain.grade,
				inputs: plain.inputs === null ? null : JSON.stringify(plain.inputs)
			};
		});
		await this.execute(
			'alter table evaluation alter column score type double precision using score::double precision'
		);
	}
}
