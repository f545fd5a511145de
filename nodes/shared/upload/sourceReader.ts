import type { Hash } from 'crypto';

/**
 * Reads a binary sequentially in slices of an exact length, and can start over at any offset
 * from a freshly opened stream: a part that failed mid-way is sent again from the source (n8n's
 * binary store can be read again) instead of from a copy kept in memory. Several readers of one
 * source send parts in parallel, each skipping the others' parts.
 */
export class SourceReader {
	private iterator?: AsyncIterator<Buffer>;
	private pending?: Buffer;
	/** Bytes of the source consumed so far. */
	offset = 0;

	/** `first`: the stream already open; without it the source is opened on the first read. */
	constructor(
		first: AsyncIterable<Buffer> | undefined,
		private readonly reopen?: () => Promise<AsyncIterable<Buffer>>,
	) {
		this.iterator = first?.[Symbol.asyncIterator]();
	}

	private async open(): Promise<AsyncIterator<Buffer>> {
		if (!this.reopen) throw new Error('The binary data cannot be read a second time');
		return (await this.reopen())[Symbol.asyncIterator]();
	}

	/** Next piece of at most `max` bytes, or undefined at the end of the source. */
	private async next(max: number): Promise<Buffer | undefined> {
		let chunk = this.pending;
		this.pending = undefined;
		if (!chunk) {
			this.iterator ??= await this.open();
			const read = await this.iterator.next();
			if (read.done) return undefined;
			chunk = Buffer.isBuffer(read.value) ? read.value : Buffer.from(read.value);
		}
		if (chunk.length > max) {
			this.pending = chunk.subarray(max);
			chunk = chunk.subarray(0, max);
		}
		this.offset += chunk.length;
		return chunk;
	}

	/**
	 * The next `length` bytes as chunks, each also fed to `hash`. A source that ends first is an
	 * error, unless `upTo` (then fewer bytes are fine).
	 */
	async *take(length: number, hash?: Hash, upTo = false): AsyncGenerator<Buffer> {
		let left = length;
		while (left > 0) {
			const chunk = await this.next(left);
			if (!chunk) {
				if (upTo) return;
				throw new Error(
					`The binary data ended after ${this.offset} bytes, before the ${length} bytes of this part`,
				);
			}
			hash?.update(chunk);
			left -= chunk.length;
			yield chunk;
		}
	}

	/**
	 * Positions the reader at `offset` of the source: from a newly opened stream when it has to go
	 * back. Bytes skipped going forward are fed to `hash` (never those read again after going back).
	 */
	async seek(offset: number, hash?: Hash): Promise<void> {
		if (offset === this.offset) return;
		if (offset < this.offset) {
			await this.close();
			this.iterator = await this.open();
			this.offset = 0;
			hash = undefined;
		}
		for await (const skipped of this.take(offset - this.offset, hash, true)) void skipped;
	}

	async close(): Promise<void> {
		this.pending = undefined;
		const iterator = this.iterator;
		this.iterator = undefined;
		await iterator?.return?.();
	}
}
