/**
 * Locates the expression an `evaluation_failed` refusal names. The engine's message ends with
 * "in `<source>`" (ExpressionEvaluationError); the path is the dotted JSON path of the first
 * string in the definition equal to that source (`states.review.on.submit.actions.0.params.set.x`).
 */
export function failedExpression(message: string | undefined): string | undefined {
	const match = /in `([\s\S]+)`\s*$/.exec(message ?? '');
	return match?.[1];
}

export function expressionPath(definition: unknown, source: string): string | undefined {
	const visit = (value: unknown, path: string[]): string[] | undefined => {
		if (typeof value === 'string') return value.trim() === source.trim() ? path : undefined;
		if (!value || typeof value !== 'object') return undefined;
		const entries = Array.isArray(value)
			? value.map((v, i) => [String(i), v] as const)
			: Object.entries(value as Record<string, unknown>);
		for (const [key, child] of entries) {
			if (key === 'layout' || key === 'templates' || key === 'forms') continue;
			const found = visit(child, [...path, key]);
			if (found) return found;
		}
		return undefined;
	};
	return visit(definition, [])?.join('.');
}
