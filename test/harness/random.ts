/** A small deterministic PRNG (mulberry32), so a failing soak run can be repeated from its seed. */
export function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A deep copy of JSON data (static data as n8n stores it). */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
