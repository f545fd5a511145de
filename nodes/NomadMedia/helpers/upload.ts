import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BinaryInput } from '../../shared/binary';
import { redactUrls } from '../../shared/errors';
import { uploadToPresignedParts } from '../../shared/upload/presignedParts';
import { nomadRequest } from '../transport';

export const MiB = 1024 * 1024;

/** A part as `POST /asset/upload/start` hands it out (AssetPartUploadModel). */
interface StartPart {
	id: string;
	partNumber: number;
	url: string;
	startingPosition: number;
	endingPosition: number;
	isCompleted?: boolean;
}

/** The answer of `POST /asset/upload/start` (AssetUploadModel). */
interface StartAnswer {
	id?: string;
	assetId?: string;
	contentLength?: number;
	parts?: StartPart[];
}

export interface MultipartUploadResult {
	uploadId: string;
	assetId: string;
	size: number;
	md5: string;
	partCount: number;
	partSize: number;
	complete: IDataObject;
}

/** Runs `work` over `items` with at most `limit` in flight; the first failure stops new work. */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (!failed && next < items.length) {
			const item = items[next++];
			let done = false;
			try {
				await work(item);
				done = true;
			} finally {
				if (!done) failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** When a presigned URL stops working: X-Amz-Date + X-Amz-Expires (S3 SigV4) or Expires (epoch seconds). */
export function urlExpiry(url: string): { expiresAt: number; lifetime?: number } | undefined {
	let query: URLSearchParams;
	try {
		query = new URL(url).searchParams;
	} catch {
		return undefined;
	}
	const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(query.get('X-Amz-Date') ?? '');
	const seconds = Number(query.get('X-Amz-Expires'));
	if (date && Number.isFinite(seconds)) {
		const issued = Date.UTC(+date[1], +date[2] - 1, +date[3], +date[4], +date[5], +date[6]);
		return { expiresAt: issued + seconds * 1000, lifetime: seconds * 1000 };
	}
	const epoch = Number(query.get('Expires'));
	return Number.isFinite(epoch) && epoch > 0 ? { expiresAt: epoch * 1000 } : undefined;
}

/**
 * The part URLs of one upload. Part URLs have a limited validity: a URL about to expire (within
 * 30 s, or half its lifetime for short-lived ones) is replaced by the current list from
 * `GET /admin/asset/upload/{id}` before its part is sent, so long uploads do not fail halfway.
 */
class PartUrls {
	private urls: Map<number, string>;
	private refreshing?: Promise<void>;
	refreshes = 0;

	constructor(
		private ctx: IExecuteFunctions,
		private itemIndex: number,
		private uploadId: string,
		parts: StartPart[],
	) {
		this.urls = new Map(parts.map((part) => [part.partNumber, part.url]));
	}

	private stale(url: string): boolean {
		const expiry = urlExpiry(url);
		if (!expiry) return false;
		const margin = Math.min(30_000, (expiry.lifetime ?? 60_000) / 2);
		return expiry.expiresAt - Date.now() < margin;
	}

	private async refresh(): Promise<void> {
		const answer = (await nomadRequest.call(
			this.ctx,
			{ method: 'GET', url: `/admin/asset/upload/${this.uploadId}` },
			{ itemIndex: this.itemIndex },
		)) as unknown;
		const parts = (Array.isArray(answer) ? answer : []) as StartPart[];
		for (const part of parts) if (typeof part.url === 'string' && part.url) this.urls.set(part.partNumber, part.url);
		this.refreshes++;
	}

	async get(partNumber: number): Promise<string> {
		const url = this.urls.get(partNumber);
		if (!url) throw new NodeOperationError(this.ctx.getNode(), `Nomad Media handed out no URL for part ${partNumber}`, { itemIndex: this.itemIndex });
		if (!this.stale(url)) return url;
		this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
		await this.refreshing;
		return this.urls.get(partNumber) ?? url;
	}
}

/**
 * The part size Nomad Media dictated: every part but the last covers the same inclusive byte range
 * and the ranges tile the file. Returns a reason when the plan cannot be followed.
 */
function readPlan(answer: StartAnswer, size: number): { parts: StartPart[]; partSize: number } | string {
	const parts = [...(answer.parts ?? [])].sort((a, b) => a.partNumber - b.partNumber);
	if (!parts.length) return 'the start answer has no upload parts';
	const first = parts[0];
	const partSize = first.endingPosition - first.startingPosition + 1;
	for (let index = 0; index < parts.length; index++) {
		const part = parts[index];
		if (part.partNumber !== index + 1) return `part numbers are not 1..${parts.length}`;
		if (typeof part.url !== 'string' || !part.url) return `part ${part.partNumber} has no upload URL`;
		if (typeof part.id !== 'string' || !part.id) return `part ${part.partNumber} has no ID`;
		if (part.startingPosition !== index * partSize) return `part ${part.partNumber} does not start at byte ${index * partSize}`;
		const length = part.endingPosition - part.startingPosition + 1;
		if (index < parts.length - 1 && length !== partSize) return `part ${part.partNumber} is not ${partSize} bytes long`;
	}
	const last = parts[parts.length - 1];
	if (size > 0 && last.endingPosition !== size - 1) return `the parts cover ${last.endingPosition + 1} bytes, the file has ${size}`;
	return { parts, partSize: Math.max(partSize, 1) };
}

/**
 * Nomad Media's multipart upload: start (the DAM answers with one presigned URL per part and the
 * part size), PUT every part straight to storage (no credentials go there), confirm every part
 * with the ETag storage answered, then complete. Any failure after the start cancels the upload
 * on Nomad Media, so nothing half-uploaded is left behind.
 */
export async function multipartUpload(
	this: IExecuteFunctions,
	i: number,
	input: BinaryInput,
	start: { path: string; body: IDataObject },
	options: { concurrency: number },
): Promise<MultipartUploadResult> {
	const answer = (await nomadRequest.call(this, { method: 'POST', url: start.path, body: start.body }, { itemIndex: i })) as StartAnswer;
	const uploadId = answer.id;
	if (typeof uploadId !== 'string' || !uploadId) {
		throw new NodeOperationError(this.getNode(), 'Nomad Media did not return an upload ID when the upload was started', { itemIndex: i });
	}

	let failure: unknown;
	let result: MultipartUploadResult | undefined;
	try {
		const plan = readPlan(answer, input.size);
		if (typeof plan === 'string') {
			throw new NodeOperationError(this.getNode(), `Nomad Media's upload plan cannot be followed: ${plan}`, { itemIndex: i });
		}
		const urls = new PartUrls(this, i, uploadId, plan.parts);
		const uploaded = await uploadToPresignedParts(this, input, {
			partSize: plan.partSize,
			partUrl: async (partNumber) => await urls.get(partNumber),
			partCount: plan.parts.length,
			concurrency: options.concurrency,
		});
		await forEachLimited(uploaded.parts, 4, async (part) => {
			await nomadRequest.call(
				this,
				{ method: 'POST', url: `/asset/upload/part/${plan.parts[part.partNumber - 1].id}/complete`, body: { etag: part.etag } },
				{ itemIndex: i, idempotent: true },
			);
		});
		const complete = await nomadRequest.call(this, { method: 'POST', url: `/asset/upload/${uploadId}/complete` }, { itemIndex: i });
		result = {
			uploadId,
			assetId: String(answer.assetId ?? ''),
			size: uploaded.size,
			md5: uploaded.md5,
			partCount: plan.parts.length,
			partSize: plan.partSize,
			complete: (complete ?? {}) as IDataObject,
		};
	} catch (error) {
		failure = error;
	}
	if (result) return result;

	// Cancel on Nomad Media, then report the original failure with what happened to the upload.
	const reason = redactUrls((failure as Error)?.message ?? String(failure));
	let cancelNote: string;
	let cancelled = false;
	try {
		await nomadRequest.call(
			this,
			{ method: 'POST', url: `/asset/upload/${uploadId}/cancel`, qs: { message: `n8n: ${reason}`.slice(0, 500) } },
			{ itemIndex: i, idempotent: true },
		);
		cancelled = true;
		cancelNote = `The upload (ID ${uploadId}) was cancelled on Nomad Media; nothing was kept.`;
	} catch (cancelError) {
		cancelNote = `Cancelling the upload (ID ${uploadId}) on Nomad Media failed as well: ${redactUrls((cancelError as Error).message)}`;
	}
	const original = failure as { description?: string | null; httpCode?: string | null };
	const message = `Upload to Nomad Media failed${cancelled ? ' and was cancelled' : ''}: ${reason}`;
	const description = [original?.description, cancelNote].filter(Boolean).join(' ');
	if (failure instanceof NodeApiError) {
		throw new NodeApiError(this.getNode(), { message, uploadId, cancelled } as JsonObject, {
			message,
			description,
			httpCode: original.httpCode ?? undefined,
			itemIndex: i,
		});
	}
	throw new NodeOperationError(this.getNode(), message, { itemIndex: i, description });
}
