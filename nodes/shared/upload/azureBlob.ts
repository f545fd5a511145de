import type { BinaryInput } from '../binary';
import type { RetryPolicy } from '../retry';
import { MiB, choosePartSize, newMd5, sendPartsConcurrently } from './parts';
import { BufferPool } from './pool';
import { pooledParts, type PooledPart } from './pooledParts';
import { storageRequest, uploadProblem, type UploadContext } from './storageRequest';

/** Azure Blob limits for block blobs. */
export const AZURE_MAX_BLOCKS = 50_000;
export const AZURE_MAX_BLOCK_SIZE = 4000 * MiB;

export interface AzureBlobUploadOptions {
	/** Preferred block size; grown only if the file would need more than 50,000 blocks. */
	blockSize?: number;
	/** Largest block allowed (MediaValet: 64 MB). */
	maxBlockSize?: number;
	/** Files up to this size go in one Put Blob; larger ones in blocks. */
	singlePutLimit?: number;
	concurrency?: number;
	retry?: Partial<RetryPolicy>;
}

export interface BlobUploadResult {
	size: number;
	md5: string;
	md5Base64: string;
	method: 'putBlob' | 'putBlockList';
	blocks: number;
	blockSize: number;
}

export const AZURE_UPLOAD_DEFAULTS = {
	blockSize: 8 * MiB,
	maxBlockSize: 64 * MiB,
	singlePutLimit: 8 * MiB,
	concurrency: 4,
};

function withQuery(sasUrl: string, params: Record<string, string>): string {
	const url = new URL(sasUrl);
	for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
	return url.toString();
}

/** Block ids must all have the same length before base64: a zero-padded ordinal does that. */
export function blockId(number: number): string {
	return Buffer.from(`block-${String(number).padStart(6, '0')}`).toString('base64');
}

function checkSize(this: UploadContext, expected: number, actual: number): void {
	if (expected !== actual) {
		throw uploadProblem.call(
			this,
			`The binary data was ${actual} bytes, but its metadata says ${expected}: nothing was committed`,
		);
	}
}

/**
 * Uploads a stream to an Azure Blob SAS URL: one Put Blob (x-ms-blob-type: BlockBlob) for small
 * files, otherwise Put Block for every block (Content-MD5 on each, several in flight) and one
 * Put Block List that commits them with the whole file's MD5. Blocks are filled from the stream
 * into a small pool of reused buffers, both MD5s taken in the same pass. If anything fails, the
 * block list is never committed, so the blob is unchanged. Only the SAS token authorises these
 * requests.
 */
export async function uploadToAzureBlob(
	this: UploadContext,
	sasUrl: string,
	input: BinaryInput,
	options: AzureBlobUploadOptions = {},
): Promise<BlobUploadResult> {
	const settings = { ...AZURE_UPLOAD_DEFAULTS, ...options };
	const signal = this.getExecutionCancelSignal?.();
	const hash = newMd5();
	const contentType = input.mimeType || 'application/octet-stream';

	if (input.size <= settings.singlePutLimit) {
		const whole = Math.max(input.size, 1);
		let body: Buffer = Buffer.alloc(0);
		// Two buffers: a stream longer than its metadata says shows up as a second part, not a wait.
		const pool = new BufferPool(whole, 2);
		let md5: Buffer;
		try {
			for await (const part of pooledParts(input.stream, whole, pool, hash, signal)) {
				if (part.number > 1) checkSize.call(this, input.size, whole + part.data.length);
				body = part.data;
			}
			checkSize.call(this, input.size, body.length);
			md5 = hash.digest();
			await storageRequest.call(
				this,
				'Put Blob',
				{
					method: 'PUT',
					url: sasUrl,
					body,
					headers: {
						'x-ms-blob-type': 'BlockBlob',
						'Content-Type': contentType,
						'x-ms-blob-content-type': contentType,
						'Content-MD5': md5.toString('base64'),
					},
				},
				settings.retry,
				signal,
			);
		} finally {
			pool.close();
		}
		return {
			size: body.length,
			md5: md5.toString('hex'),
			md5Base64: md5.toString('base64'),
			method: 'putBlob',
			blocks: 0,
			blockSize: 0,
		};
	}

	const blockSize = choosePartSize(input.size, {
		preferred: settings.blockSize,
		maxParts: AZURE_MAX_BLOCKS,
		maxPartSize: Math.min(settings.maxBlockSize, AZURE_MAX_BLOCK_SIZE),
	});
	// One buffer per block in flight and one being filled: the upload's memory, whatever the file size.
	const inFlight = Math.min(settings.concurrency, Math.ceil(input.size / blockSize));
	const pool = new BufferPool(blockSize, inFlight + 1);
	let size = 0;
	const blocks = await sendPartsConcurrently(
		pooledParts(input.stream, blockSize, pool, hash, signal),
		settings.concurrency,
		async (part, partSignal) => {
			const block = part as PooledPart;
			size += block.data.length;
			const id = blockId(block.number);
			try {
				await storageRequest.call(
					this,
					'Put Block',
					{
						method: 'PUT',
						url: withQuery(sasUrl, { comp: 'block', blockid: id }),
						body: block.data,
						headers: {
							'Content-Type': 'application/octet-stream',
							'Content-MD5': block.md5.toString('base64'),
						},
						partNumber: block.number,
					},
					settings.retry,
					partSignal,
				);
			} finally {
				block.release();
			}
			return id;
		},
		signal,
	).finally(() => pool.close());
	checkSize.call(this, input.size, size);

	const md5Buffer = hash.digest();
	const blockList =
		'<?xml version="1.0" encoding="utf-8"?><BlockList>' +
		blocks.map((id) => `<Latest>${id}</Latest>`).join('') +
		'</BlockList>';
	await storageRequest.call(
		this,
		'Put Block List',
		{
			method: 'PUT',
			url: withQuery(sasUrl, { comp: 'blocklist' }),
			body: blockList,
			headers: {
				'Content-Type': 'application/xml',
				'x-ms-blob-content-type': contentType,
				'x-ms-blob-content-md5': md5Buffer.toString('base64'),
			},
		},
		settings.retry,
		signal,
	);
	return {
		size,
		md5: md5Buffer.toString('hex'),
		md5Base64: md5Buffer.toString('base64'),
		method: 'putBlockList',
		blocks: blocks.length,
		blockSize,
	};
}
