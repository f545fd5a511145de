import { createHash, type Hash } from 'crypto';

import { throwIfCancelled } from '../retry';

export const MiB = 1024 * 1024;

/** A fixed-size slice of the source, numbered from 1 (S3 part numbers and block ordinals alike). */
export interface Part {
	number: number;
	offset: number;
	data: Buffer;
}

export function newMd5(): Hash {
	return createHash('md5');
}

/**
 * Picks a part size: the preferred one, grown (in whole MiB) just enough that `size` fits in
 * `maxParts`, never above `maxPartSize`.
 */
export function choosePartSize(
	size: number,
	limits: { preferred: number; maxParts: number; maxPartSize: number; minPartSize?: number },
): number {
	const needed = Math.ceil(size / limits.maxParts);
	let partSize = Math.max(limits.preferred, limits.minPartSize ?? 0, Math.ceil(needed / MiB) * MiB);
	if (partSize > limits.maxPartSize) {
		if (needed > limits.maxPartSize) {
			throw new Error(
				`The file (${size} bytes) is larger than ${limits.maxParts} parts of ${limits.maxPartSize} bytes allow`,
			);
		}
		partSize = limits.maxPartSize;
	}
	return partSize;
}

/**
 * Sends parts with up to `concurrency` in flight, pulling the next part from the source only when
 * a slot frees up (so at most `concurrency` parts are in memory). The first failure stops the
 * source, aborts the parts still in flight and is rethrown once they have settled.
 */
export async function sendPartsConcurrently<R>(
	parts: AsyncIterable<Part>,
	concurrency: number,
	send: (part: Part, signal: AbortSignal) => Promise<R>,
	cancelSignal?: AbortSignal,
): Promise<R[]> {
	const internal = new AbortController();
	const signal = cancelSignal ? AbortSignal.any([cancelSignal, internal.signal]) : internal.signal;
	const results: R[] = [];
	const inFlight = new Set<Promise<void>>();
	let failure: unknown;
	const start = (part: Part) => {
		const task = send(part, signal).then(
			(result) => {
				results[part.number - 1] = result;
			},
			(error) => {
				if (failure === undefined) failure = error;
				internal.abort();
			},
		);
		const tracked = task.finally(() => inFlight.delete(tracked));
		inFlight.add(tracked);
	};
	try {
		for await (const part of parts) {
			if (failure !== undefined) break;
			throwIfCancelled(cancelSignal);
			start(part);
			while (inFlight.size >= concurrency && failure === undefined) await Promise.race(inFlight);
		}
	} catch (error) {
		if (failure === undefined) failure = error;
		internal.abort();
	}
	await Promise.all(inFlight);
	if (failure !== undefined) throw failure;
	return results;
}
