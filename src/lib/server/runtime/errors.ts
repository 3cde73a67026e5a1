/**
 * The one error family of the server. `code` is the discriminant routes map to HTTP; the user's
 * mistakes carry a message a person can act on (and a `path` for bad input); operational
 * failures carry `retryable`.
 */
export const ERROR_STATUS = {
	not_found: 404,
	bad_request: 400,
	event_not_accepted: 409,
	conflict: 409,
	evaluation_failed: 422,
	unavailable: 503
} as const;
export type AppErrorCode = keyof typeof ERROR_STATUS;

export type AppErrorDetails = {
	path?: string;
	state?: unknown;
	accepted?: string[];
	retryable?: boolean;
	[key: string]: unknown;
};

export class AppError extends Error {
	readonly code: AppErrorCode;
	readonly details: AppErrorDetails;

	constructor(code: AppErrorCode, message: string, details: AppErrorDetails = {}) {
		super(message);
		this.name = 'AppError';
		this.code = code;
		this.details = details;
	}

	get status(): number {
		return ERROR_STATUS[this.code];
	}

	toJSON(): Record<string, unknown> {
		return { error: { code: this.code, message: this.message, ...this.details } };
	}

	static notFound(what: string, id: string): AppError {
		return new AppError('not_found', `${what} ${id} not found`, { id });
	}

	static badRequest(message: string, path?: string): AppError {
		return new AppError('bad_request', message, path === undefined ? {} : { path });
	}

	static eventNotAccepted(eventType: string, state: unknown, accepted: string[]): AppError {
		return new AppError(
			'event_not_accepted',
			`Event "${eventType}" is not accepted in the current state`,
			{ event: eventType, state, accepted }
		);
	}

	/**
	 * An expression of the definition (guard, formula, setData value) threw for this event: the
	 * event was well-formed and accepted by the state, but the definition could not evaluate it.
	 * `path` points at the expression in the definition when it could be located.
	 */
	static evaluationFailed(
		eventType: string,
		message: string,
		details: { state: unknown; path?: string; expression?: string }
	): AppError {
		return new AppError(
			'evaluation_failed',
			`Event "${eventType}" could not be evaluated: ${message}`,
			{
				event: eventType,
				state: details.state,
				...(details.path !== undefined ? { path: details.path } : {}),
				...(details.expression !== undefined ? { expression: details.expression } : {})
			}
		);
	}

	static conflict(message: string, details: AppErrorDetails = {}): AppError {
		return new AppError('conflict', message, details);
	}
}

export function isAppError(err: unknown): err is AppError {
	return err instanceof AppError;
}
