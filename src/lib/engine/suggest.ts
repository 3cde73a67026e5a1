/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
	const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i += 1) {
		let diagonal = previous[0] as number;
		previous[0] = i;
		for (let j = 1; j <= b.length; j += 1) {
			const above = previous[j] as number;
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + cost);
			diagonal = above;
		}
	}
	return previous[b.length] as number;
}

/** Candidates close to `name` (distance ≤ max(2, a third of its length)), closest first. */
export function closeNames(name: string, candidates: readonly string[]): string[] {
	const limit = Math.max(2, Math.floor(name.length / 3));
	return candidates
		.map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
		.filter(({ distance }) => distance <= limit)
		.sort((a, b) => a.distance - b.distance)
		.map(({ candidate }) => candidate);
}

/** "Did you mean x?" when something is close, otherwise the list of what is known. */
export function formatHint(close: readonly string[], known: readonly string[]): string | undefined {
	if (close.length > 0) return `Did you mean ${close.slice(0, 3).join(', ')}?`;
	if (known.length === 0) return undefined;
	const shown = known.slice(0, 8).join(', ');
	return `Known: ${shown}${known.length > 8 ? ', …' : ''}`;
}
