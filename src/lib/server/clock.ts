/** The runtime's source of time. Injected everywhere so tests move time instead of sleeping. */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and advance by hand. */
export function manualClock(start: Date | string | number = '2025-01-01T00:00:00Z'): Clock & {
	set: (at: Date | string | number) => void;
	advance: (ms: number) => void;
} {
	let current = new Date(start).getTime();
	return {
		now: () => new Date(current),
		set: (at) => {
			current = new Date(at).getTime();
		},
		advance: (ms) => {
			current += ms;
		}
	};
}
