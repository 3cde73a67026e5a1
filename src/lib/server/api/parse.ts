/**
 * Request parsing for the JSON API with zod: a refused body or query is a 400 whose `path` is
 * the dotted path of the first offending field (`metric.target`, `values.3.date`), with every
 * issue attached so a client can mark each field.
 */
import type { z } from 'zod';
import { readJsonObject } from '../http';
import { AppError } from '../runtime/errors';

function refusal(error: z.ZodError): AppError {
	const issues = error.issues.map((issue) => ({
		path: issue.path.map(String).join('.'),
		code: issue.code,
		message: issue.message
	}));
	const first = issues[0];
	return new AppError(
		'bad_request',
		first ? `${first.path || 'body'}: ${first.message}` : 'Invalid input',
		{ path: first?.path ?? '', issues }
	);
}

/** Checks `value` against `schema`, or throws the 400 described above. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
	const result = schema.safeParse(value);
	if (!result.success) throw refusal(result.error);
	return result.data;
}

/** Reads the JSON object body and checks it. */
export async function parseBody<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<z.output<S>> {
	return parseWith(schema, await readJsonObject(request));
}

/** Checks the query string (single values; repeated keys keep the last). */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
	return parseWith(schema, Object.fromEntries(url.searchParams));
}

/** `?partial=1`, `?partial=true`: a flag in the query string. */
export function queryFlag(url: URL, name: string): boolean {
	const value = url.searchParams.get(name);
	return value !== null && value !== '0' && value !== 'false';
}
