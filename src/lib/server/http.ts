import { isHttpError, json } from '@sveltejs/kit';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError, isAppError } from './runtime/errors';
import { logger } from './log';

/** Reads a JSON object body or throws a bad_request saying what is wrong. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
	const text = await request.text();
	if (!text.trim()) throw AppError.badRequest('request body is empty; send a JSON object', '');
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch (err) {
		throw AppError.badRequest(
			`malformed JSON: ${err instanceof Error ? err.message : String(err)}`,
			''
		);
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw AppError.badRequest('request body must be a JSON object', '');
	}
	return body as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw AppError.badRequest(`${key} must be a string`, key);
	return value;
}

export function requiredString(body: Record<string, unknown>, key: string): string {
	const value = optionalString(body, key);
	if (!value) throw AppError.badRequest(`${key} is required`, key);
	return value;
}

const HTTP_CODES: Record<number, string> = {
	401: 'unauthenticated',
	403: 'forbidden',
	404: 'not_found',
	409: 'conflict'
};

/** Runs a route body and maps the error family to JSON responses; other errors are bugs (500). */
export async function apiRoute(run: () => Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (err) {
		if (isAppError(err)) return json(err.toJSON(), { status: err.status });
		// A policy refusal (`requirePermission`) or a route's own `error(status)`.
		if (isHttpError(err)) {
			const code = HTTP_CODES[err.status] ?? 'bad_request';
			return json({ error: { code, message: err.body.message } }, { status: err.status });
		}
		if (err instanceof UniqueConstraintViolationException) {
			return json(
				{ error: { code: 'conflict', message: 'a concurrent request wrote the same row; retry' } },
				{ status: 409 }
			);
		}
		const errorId = crypto.randomUUID();
		logger.error({ err, errorId }, 'api error');
		return json(
			{ error: { code: 'internal', message: 'Internal error', errorId } },
			{ status: 500 }
		);
	}
}
