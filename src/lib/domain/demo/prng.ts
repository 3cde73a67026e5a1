/**
 * A small seeded pseudo-random generator (mulberry32) so demo and scale data are the same on
 * every run and on every machine. Not for anything secret.
 */

/** Random helpers over one seeded stream. */
export interface Prng {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], inclusive. */
	int(min: number, max: number): number;
	/** A float in [min, max). */
	between(min: number, max: number): number;
	/** One element of a non-empty list. */
	pick<T>(items: readonly T[]): T;
}

/** Creates a generator from a 32-bit seed. */
export function createPrng(seed: number): Prng {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		between: (min, max) => min + next() * (max - min),
		pick: <T>(items: readonly T[]): T => {
			const item = items[Math.floor(next() * items.length)];
			if (item === undefined) throw new Error('pick from an empty list');
			return item;
		}
	};
}

/** Mixes a seed with a number (e.g. an employee index) into an independent stream's seed. */
export function deriveSeed(seed: number, salt: number): number {
	let h = (seed ^ Math.imul(salt + 0x9e3779b9, 0x85ebca6b)) >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
	h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
	return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Splits `total` into `weights.length` integer parts proportional to the weights, summing to
 * `total` exactly (the rounding remainder goes to the largest parts).
 */
export function splitInteger(total: number, weights: readonly number[]): number[] {
	const sum = weights.reduce((s, w) => s + w, 0);
	if (weights.length === 0) return [];
	const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
	const parts = exact.map((value) => Math.floor(value));
	let remainder = total - parts.reduce((s, p) => s + p, 0);
	const order = exact
		.map((value, i) => [value - Math.floor(value), i] as const)
		.sort((a, b) => b[0] - a[0]);
	for (let k = 0; remainder > 0; k = (k + 1) % order.length, remainder--) {
		const index = (order[k] as readonly [number, number])[1];
		parts[index] = (parts[index] as number) + 1;
	}
	return parts;
}
