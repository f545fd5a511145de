const MiB = 1024 * 1024;

/** The most memory the process keeps in shared pool buffers, for all uploads together. */
export const ARENA_BYTES = 64 * MiB;
/** Pools smaller than this take ordinary buffers: V8's accounting of them costs nothing measurable. */
export const ARENA_MIN_POOL_BYTES = 16 * MiB;

/**
 * Pool buffers as views of SharedArrayBuffers, made once per process and reused by every upload.
 *
 * V8 does not count shared backing stores as external memory. A pool of ordinary buffers held for
 * a whole upload makes V8 run a full collection every few MiB that n8n's read stream allocates. In
 * a small-heap process with 8 MiB × 5 buffers, a 256 MiB check-in ran 11 mark-compacts instead of 2
 * and spent 6.5 instead of 3.6 ms of CPU per MiB. Because V8 does not count this memory, it would
 * not hurry to free it either. So nothing here is left to the collector: buffers are kept for the
 * next upload, up to ARENA_BYTES in all, and pools beyond that budget get ordinary buffers.
 */
class SharedArena {
	private free = new Map<number, Buffer[]>();
	private made = 0;

	take(size: number): Buffer | undefined {
		const reused = this.free.get(size)?.pop();
		if (reused) return reused;
		if (this.made + size > ARENA_BYTES) return undefined;
		this.made += size;
		return Buffer.from(new SharedArrayBuffer(size));
	}

	give(buffer: Buffer): void {
		const list = this.free.get(buffer.length) ?? [];
		list.push(buffer);
		this.free.set(buffer.length, list);
	}
}

const arena = new SharedArena();

const isShared = (buffer: Buffer) => buffer.buffer instanceof SharedArrayBuffer;

/**
 * A fixed set of equal buffers, reused for every part of an upload: memory is the pool's size
 * whatever the file's, and no buffer is allocated per part. `acquire` waits while all are in use;
 * `close` ends the pool once nothing uses its buffers any more (shared ones go back to the arena).
 */
export class BufferPool {
	private readonly owned: Buffer[];
	private free: Buffer[];
	private waiting: Array<(buffer: Buffer) => void> = [];

	constructor(
		readonly bufferSize: number,
		readonly count: number,
	) {
		const shared = bufferSize * count >= ARENA_MIN_POOL_BYTES;
		this.owned = Array.from(
			{ length: count },
			() => (shared ? arena.take(bufferSize) : undefined) ?? Buffer.allocUnsafe(bufferSize),
		);
		this.free = [...this.owned];
	}

	async acquire(): Promise<Buffer> {
		const buffer = this.free.pop();
		if (buffer) return buffer;
		return await new Promise<Buffer>((resolve) => this.waiting.push(resolve));
	}

	release(buffer: Buffer): void {
		const next = this.waiting.shift();
		if (next) next(buffer);
		else this.free.push(buffer);
	}

	/** Call once the upload is over (every request settled); the pool is not used after. */
	close(): void {
		for (const buffer of this.owned.splice(0)) if (isShared(buffer)) arena.give(buffer);
		this.free = [];
	}
}
