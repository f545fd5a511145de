import type { BinaryInput } from '../binary';
import type { RetryPolicy } from '../retry';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { readableClassOf } from '../binary';
import { throwIfCancelled } from '../retry';
import { MiB, newMd5, sendPartsConcurrently } from './parts';
import { BufferPool } from './pool';
import { pooledParts, type PooledPart } from './pooledParts';
import { SourceReader } from './sourceReader';
import { storageRequest, uploadProblem, type UploadContext } from './storageRequest';

/** S3 multipart limits. */
export const S3_MAX_PARTS = 10_000;
export const S3_MIN_PART_SIZE = 5 * MiB;
export const S3_MAX_PART_SIZE = 5 * 1024 * MiB;

export interface PresignedUploadOptions {
	/** Size of every part but the last, as the DAM dictates it when it hands out the URLs. */
	partSize: number;
	/** The URL for part N (1-based), handed out up front or fetched on demand. */
	partUrl: (partNumber: number) => string | Promise<string>;
	/** How many URLs the DAM handed out: the file must fit in them. */
	partCount?: number;
	/** Parts in flight when parts are small enough to buffer (see bufferedPartSize). */
	concurrency?: number;
	/** Parts in flight when they are streamed from a file on this machine's disk. */
	streamedConcurrency?: number;
	/**
	 * Parts up to this size are filled into pooled buffers and sent `concurrency` at a time; larger
	 * ones stream from the source (a failed one is replayed from the source), so memory never grows
	 * with the part size: `streamedConcurrency` at a time from a local file, else one at a time.
	 */
	bufferedPartSize?: number;
	retry?: Partial<RetryPolicy>;
	/** Extra headers the URL was signed with (e.g. Content-Type). */
	headers?: Record<string, string>;
}

export interface UploadedPart {
	partNumber: number;
	etag: string;
	size: number;
}

export interface PartsUploadResult {
	size: number;
	md5: string;
	parts: UploadedPart[];
	concurrency: number;
	/** 'buffered': pooled parts in parallel; 'streamed': each part streamed from the source. */
	mode: 'buffered' | 'streamed';
}

export const PRESIGNED_UPLOAD_DEFAULTS = {
	concurrency: 4,
	streamedConcurrency: 2,
	bufferedPartSize: 8 * MiB,
	/** The largest part a DAM may dictate that this package accepts (S3 allows 5 GiB); the name is historical. */
	maxBufferedBytes: 256 * MiB,
};

/**
 * PUTs the stream to presigned part URLs, capturing every part's ETag for the DAM's "complete"
 * call. The caller completes or, on any error, cancels the multipart upload on the DAM side.
 */
export async function uploadToPresignedParts(
	this: UploadContext,
	input: BinaryInput,
	options: PresignedUploadOptions,
): Promise<PartsUploadResult> {
	const settings = { ...PRESIGNED_UPLOAD_DEFAULTS, ...options };
	const signal = this.getExecutionCancelSignal?.();
	const needed = Math.max(1, Math.ceil(input.size / settings.partSize));
	if (settings.partCount !== undefined && needed > settings.partCount) {
		throw uploadProblem.call(
			this,
			`The file needs ${needed} parts of ${settings.partSize} bytes but the DAM issued ${settings.partCount} upload URLs`,
		);
	}
	if (needed > S3_MAX_PARTS) {
		throw uploadProblem.call(
			this,
			`The file would need ${needed} parts; S3 allows ${S3_MAX_PARTS}`,
		);
	}
	let fileHash = newMd5();
	const send = async (
		partNumber: number,
		length: number,
		body: { data?: Buffer; makeBody?: () => Promise<IHttpRequestOptions['body']> },
		partSignal?: AbortSignal,
	): Promise<UploadedPart> => {
		if (partNumber > needed) {
			throw uploadProblem.call(
				this,
				`The binary data is larger than its metadata says (${input.size} bytes)`,
			);
		}
		const url = await settings.partUrl(partNumber);
		const response = await storageRequest.call(
			this,
			'Upload part',
			{
				method: 'PUT',
				url,
				...(body.data ? { body: body.data } : { makeBody: body.makeBody }),
				headers: {
					'Content-Type': 'application/octet-stream',
					'Content-Length': String(length),
					...settings.headers,
				},
				partNumber,
			},
			settings.retry,
			partSignal,
		);
		const etag = response.headers?.etag ?? response.headers?.ETag;
		if (typeof etag !== 'string' || !etag) {
			throw uploadProblem.call(this, `The storage host returned no ETag for part ${partNumber}`);
		}
		return { partNumber, etag, size: length };
	};

	/** A source longer than its metadata says: the bytes after the last part. */
	const checkEnd = async (reader: SourceReader) => {
		for await (const extra of reader.take(1, undefined, true)) {
			void extra;
			throw uploadProblem.call(
				this,
				`The binary data is larger than its metadata says (${input.size} bytes)`,
			);
		}
	};
	const Readable = readableClassOf(input.stream);
	const streamed =
		!input.inMemory &&
		!!Readable &&
		!!input.reopen &&
		settings.partSize > settings.bufferedPartSize;
	let parts: UploadedPart[];
	let concurrency: number;
	if (streamed) {
		// Straight from the source, a part's bytes read while they are sent: one part at a time, or
		// one per lane for a file on this machine's disk. Lane N sends parts N, N + lanes, ..., each
		// lane reading the whole source and skipping the others' parts. Lane 0 also feeds every byte
		// to the whole-file MD5 in order: those of its own parts from the attempt that succeeded,
		// the others' while it skips them.
		concurrency = input.localFile ? Math.max(1, Math.min(settings.streamedConcurrency, needed)) : 1;
		parts = [];
		const internal = new AbortController();
		const laneSignal = signal ? AbortSignal.any([signal, internal.signal]) : internal.signal;
		let failure: unknown;
		const lane = async (index: number) => {
			const reader = new SourceReader(index === 0 ? input.stream : undefined, input.reopen);
			try {
				for (let number = index + 1; number <= needed; number += concurrency) {
					throwIfCancelled(laneSignal);
					const offset = (number - 1) * settings.partSize;
					const length = Math.min(settings.partSize, Math.max(0, input.size - offset));
					const hashing = index === 0;
					if (hashing) await reader.seek(offset, fileHash);
					let attempt = fileHash;
					const makeBody = async () => {
						await reader.seek(offset);
						if (hashing) attempt = fileHash.copy();
						return Readable!.from(reader.take(length, hashing ? attempt : undefined), {
							objectMode: false,
						}) as IHttpRequestOptions['body'];
					};
					parts[number - 1] = await send(number, length, { makeBody }, laneSignal);
					if (hashing) fileHash = attempt;
				}
				if (index === 0) {
					await reader.seek(input.size, fileHash);
					await checkEnd(reader);
				}
			} catch (error) {
				failure ??= error;
				internal.abort();
			} finally {
				await reader.close();
			}
		};
		await Promise.all(Array.from({ length: concurrency }, async (_, index) => await lane(index)));
		if (failure !== undefined) throw failure;
	} else {
		concurrency = Math.max(1, Math.min(settings.concurrency, needed));
		// A file smaller than a part needs a buffer of its own size only.
		const partBytes = Math.max(1, Math.min(settings.partSize, input.size));
		const pool = new BufferPool(partBytes, concurrency + 1);
		parts = await sendPartsConcurrently(
			pooledParts(input.stream, partBytes, pool, fileHash, signal),
			concurrency,
			async (part, partSignal) => {
				const pooled = part as PooledPart;
				try {
					return await send(pooled.number, pooled.data.length, { data: pooled.data }, partSignal);
				} finally {
					pooled.release();
				}
			},
			signal,
		).finally(() => pool.close());
	}
	const size = parts.reduce((total, part) => total + part.size, 0);
	if (size !== input.size) {
		throw uploadProblem.call(
			this,
			`The binary data was ${size} bytes, but its metadata says ${input.size}`,
		);
	}
	return {
		size,
		md5: fileHash.digest('hex'),
		parts,
		concurrency,
		mode: streamed ? 'streamed' : 'buffered',
	};
}
