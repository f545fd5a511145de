/**
 * A fixed set of equal buffers, reused for every part of an upload: memory is the pool's size
 * whatever the file's, and no buffer is allocated per part. `acquire` waits while all are in use.
 */
export class BufferPool {
	private free: Buffer[];
	private waiting: Array<(buffer: Buffer) => void> = [];

	constructor(
		readonly bufferSize: number,
		readonly count: number,
	) {
		this.free = Array.from({ length: count }, () => Buffer.allocUnsafe(bufferSize));
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
}
