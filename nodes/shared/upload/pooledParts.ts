import { createHash, type Hash } from 'crypto';

import { throwIfCancelled } from '../retry';
import type { Part } from './parts';
import type { BufferPool } from './pool';

/** A part held in a pooled buffer, with the MD5 of its bytes; `release` gives the buffer back. */
export interface PooledPart extends Part {
	md5: Buffer;
	release(): void;
}

/**
 * Re-chunks a stream into parts of exactly `partSize` bytes (the last may be shorter), each copied
 * once into a buffer of `pool`. Every byte is hashed while it is in the CPU's cache, into the
 * whole-file `fileHash` and into its part's own MD5: one pass over the data for both. The next part
 * is read only when the pool has a free buffer, so memory is the pool, whatever the file size.
 */
export async function* pooledParts(
	source: AsyncIterable<Buffer>,
	partSize: number,
	pool: BufferPool,
	fileHash: Hash,
	signal?: AbortSignal,
): AsyncGenerator<PooledPart> {
	let number = 1;
	let offset = 0;
	let buffer: Buffer | undefined;
	let partHash: Hash | undefined;
	let filled = 0;
	const finish = (): PooledPart => {
		const held = buffer!;
		const part: PooledPart = {
			number: number++,
			offset,
			data: held.subarray(0, filled),
			md5: partHash!.digest(),
			release: () => pool.release(held),
		};
		offset += filled;
		buffer = undefined;
		partHash = undefined;
		filled = 0;
		return part;
	};
	for await (const chunk of source) {
		throwIfCancelled(signal);
		const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
		fileHash.update(bytes);
		let at = 0;
		while (at < bytes.length) {
			if (!buffer) {
				buffer = await pool.acquire();
				partHash = createHash('md5');
			}
			const take = Math.min(partSize - filled, bytes.length - at);
			const slice = bytes.subarray(at, at + take);
			slice.copy(buffer, filled);
			partHash!.update(slice);
			filled += take;
			at += take;
			if (filled === partSize) yield finish();
		}
	}
	if (filled > 0 || number === 1) {
		if (!buffer) {
			buffer = await pool.acquire();
			partHash = createHash('md5');
		}
		yield finish();
	}
}
