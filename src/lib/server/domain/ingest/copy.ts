/**
 * `COPY … FROM STDIN` over a plain `pg` client, without an extra dependency: a pg "submittable"
 * that speaks the copy-in sub-protocol. Used by the bulk import to fill a staging table at
 * COPY speed. PGlite behind its socket does not take COPY FROM STDIN, so callers check
 * {@link supportsCopy} and fall back to batched INSERTs there.
 */
import type { ClientBase } from 'pg';

type CopyConnection = {
	query: (text: string) => void;
	sendCopyFromChunk: (chunk: Buffer) => void;
	endCopyFrom: () => void;
	sendCopyFail: (message: string) => void;
	stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
};

/** Escapes one value for COPY's text format (tab-separated, `\N` for null). */
export function copyField(value: string | number | null): string {
	if (value === null) return '\\N';
	if (typeof value === 'number') return String(value);
	return value.replace(/[\\\t\n\r]/g, (c) =>
		c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'
	);
}

/** COPY data: text-format strings, or buffers (binary format, or text already encoded). */
export type CopyChunks = AsyncIterable<string | Buffer> | Iterable<string | Buffer>;

class CopyIn {
	readonly text: string;
	private readonly chunks: CopyChunks;
	private readonly done: { resolve: (rows: number) => void; reject: (err: unknown) => void };
	private rowCount = 0;
	private error: unknown;

	constructor(sql: string, chunks: CopyChunks, done: CopyIn['done']) {
		this.text = sql;
		this.chunks = chunks;
		this.done = done;
	}

	submit(connection: CopyConnection): void {
		connection.query(this.text);
	}

	handleCopyInResponse(connection: CopyConnection): void {
		void this.pump(connection);
	}

	private async pump(connection: CopyConnection): Promise<void> {
		try {
			for await (const chunk of this.chunks) {
				// The server refused a row already: it ignores the rest, so stop producing it.
				if (this.error !== undefined) return;
				connection.sendCopyFromChunk(
					typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
				);
				if (connection.stream.writableNeedDrain) {
					await new Promise<void>((resolve) => connection.stream.once('drain', () => resolve()));
				}
			}
			connection.endCopyFrom();
		} catch (err) {
			this.error = err;
			connection.sendCopyFail(err instanceof Error ? err.message : String(err));
		}
	}

	handleCommandComplete(message: { text?: string }): void {
		const match = /COPY (\d+)/.exec(message.text ?? '');
		this.rowCount = match ? Number(match[1]) : 0;
	}

	// pg drops a query from its bookkeeping when the server reports an error, so no
	// ReadyForQuery reaches it afterwards: settle here. A failure of the chunk source (sent as
	// CopyFail) is the error to report, not the server's echo of it.
	handleError(err: unknown): void {
		this.error ??= err;
		this.done.reject(this.error);
	}

	handleReadyForQuery(): void {
		if (this.error !== undefined) this.done.reject(this.error);
		else this.done.resolve(this.rowCount);
	}

	// The client may call these on any active query; COPY FROM never produces rows.
	handleRowDescription(): void {}
	handleDataRow(): void {}
	handleEmptyQuery(): void {}
	handlePortalSuspended(): void {}
	handleCopyData(): void {}
}

/**
 * Streams text chunks (COPY text format, one row per line) into `sql` (`copy t (…) from stdin`).
 * Returns the number of rows the server stored. A failed chunk source aborts the COPY.
 */
export function copyFrom(client: ClientBase, sql: string, chunks: CopyChunks): Promise<number> {
	return new Promise<number>((resolve, reject) => {
		const submittable = new CopyIn(sql, chunks, { resolve, reject });
		// pg accepts any object with `submit` as a query; its typings do not say so.
		(client as unknown as { query: (q: unknown) => void }).query(submittable);
	});
}

/**
 * Binary COPY (`… from stdin (format binary)`): the server skips parsing uuids, dates and
 * numbers from text, which is about a quarter of a bulk COPY's time. Rows are written into
 * chunks of about 1 MB; fields that repeat (a group's ids and date) are encoded once by the
 * caller with {@link BinaryCopyWriter.encodeFields} and copied as bytes.
 */
export class BinaryCopyWriter {
	private static readonly SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
	private static readonly CHUNK = 1 << 20;
	private buffer = Buffer.allocUnsafe(BinaryCopyWriter.CHUNK);
	private offset = 0;
	private readonly full: Buffer[] = [];

	constructor() {
		BinaryCopyWriter.SIGNATURE.copy(this.buffer, 0);
		this.buffer.writeInt32BE(0, 11); // flags
		this.buffer.writeInt32BE(0, 15); // header extension length
		this.offset = 19;
	}

	/** Days since 2000-01-01 (PostgreSQL's date epoch) of a `YYYY-MM-DD` day. */
	static pgDate(day: string): number {
		return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.UTC(2000, 0, 1)) / 86_400_000);
	}

	/** Length-prefixed fields, encoded once: uuids (`{ uuid }`), dates (`{ date }`), text. */
	static encodeFields(fields: readonly ({ uuid: string } | { date: string } | string)[]): Buffer {
		const parts: Buffer[] = [];
		for (const field of fields) {
			let data: Buffer;
			if (typeof field === 'string') data = Buffer.from(field, 'utf8');
			else if ('uuid' in field) data = Buffer.from(field.uuid.replace(/-/g, ''), 'hex');
			else {
				data = Buffer.allocUnsafe(4);
				data.writeInt32BE(BinaryCopyWriter.pgDate(field.date));
			}
			const length = Buffer.allocUnsafe(4);
			length.writeInt32BE(data.length);
			parts.push(length, data);
		}
		return Buffer.concat(parts);
	}

	private ensure(bytes: number): void {
		if (this.offset + bytes <= this.buffer.length) return;
		this.full.push(this.buffer.subarray(0, this.offset));
		this.buffer = Buffer.allocUnsafe(Math.max(BinaryCopyWriter.CHUNK, bytes));
		this.offset = 0;
	}

	/** Starts a row of `count` fields, beginning with the pre-encoded `lead`. */
	row(count: number, lead: Buffer, text: string, value: number): void {
		// Text of n UTF-16 units is at most 3n bytes of UTF-8.
		this.ensure(2 + lead.length + 4 + text.length * 3 + 12);
		const buffer = this.buffer;
		buffer.writeInt16BE(count, this.offset);
		lead.copy(buffer, this.offset + 2);
		let at = this.offset + 2 + lead.length;
		const written = buffer.write(text, at + 4, 'utf8');
		buffer.writeInt32BE(written, at);
		at += 4 + written;
		buffer.writeInt32BE(8, at);
		buffer.writeDoubleBE(value, at + 4);
		this.offset = at + 12;
	}

	/** Chunks completed so far (to send while more rows are written). */
	take(): Buffer[] {
		return this.full.splice(0);
	}

	/** The last chunk, with the trailer. */
	end(): Buffer {
		this.ensure(2);
		this.buffer.writeInt16BE(-1, this.offset);
		return this.buffer.subarray(0, this.offset + 2);
	}
}
