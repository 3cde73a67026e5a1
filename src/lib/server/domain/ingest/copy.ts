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

class CopyIn {
	readonly text: string;
	private readonly chunks: AsyncIterable<string> | Iterable<string>;
	private readonly done: { resolve: (rows: number) => void; reject: (err: unknown) => void };
	private rowCount = 0;
	private error: unknown;

	constructor(sql: string, chunks: AsyncIterable<string> | Iterable<string>, done: CopyIn['done']) {
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
				connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
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
export function copyFrom(
	client: ClientBase,
	sql: string,
	chunks: AsyncIterable<string> | Iterable<string>
): Promise<number> {
	return new Promise<number>((resolve, reject) => {
		const submittable = new CopyIn(sql, chunks, { resolve, reject });
		// pg accepts any object with `submit` as a query; its typings do not say so.
		(client as unknown as { query: (q: unknown) => void }).query(submittable);
	});
}
