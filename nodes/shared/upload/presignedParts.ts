import type { BinaryInput } from '../binary';
import type { RetryPolicy } from '../retry';
import { MiB, newMd5, sendPartsConcurrently, splitIntoParts } from './parts';
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
	concurrency?: number;
	/** Cap on the bytes of parts held in memory at once; lowers concurrency for big parts. */
	maxBufferedBytes?: number;
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
}

export const PRESIGNED_UPLOAD_DEFAULTS = {
	concurrency: 4,
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
	const concurrency = Math.max(
		1,
		Math.min(settings.concurrency, Math.floor(settings.maxBufferedBytes / settings.partSize)),
	);
	const hash = newMd5();
	const parts = await sendPartsConcurrently(
		splitIntoParts(input.stream, settings.partSize, hash, signal),
		concurrency,
		async (part, partSignal): Promise<UploadedPart> => {
			if (part.number > needed) {
				throw uploadProblem.call(
					this,
					`The binary data is larger than its metadata says (${input.size} bytes)`,
				);
			}
			const url = await settings.partUrl(part.number);
			const response = await storageRequest.call(
				this,
				'Upload part',
				{
					method: 'PUT',
					url,
					body: part.data,
					headers: { 'Content-Type': 'application/octet-stream', ...settings.headers },
					partNumber: part.number,
				},
				settings.retry,
				partSignal,
			);
			const etag = response.headers?.etag ?? response.headers?.ETag;
			if (typeof etag !== 'string' || !etag) {
				throw uploadProblem.call(this, `The storage host returned no ETag for part ${part.number}`);
			}
			return { partNumber: part.number, etag, size: part.data.length };
		},
		signal,
	);
	const size = parts.reduce((total, part) => total + part.size, 0);
	if (size !== input.size) {
		throw uploadProblem.call(
			this,
			`The binary data was ${size} bytes, but its metadata says ${input.size}`,
		);
	}
	return { size, md5: hash.digest('hex'), parts, concurrency };
}
