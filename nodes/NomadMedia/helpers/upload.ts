import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BinaryInput } from '../../shared/binary';
import { redactUrls } from '../../shared/errors';
import { forEachLimited } from '../../shared/concurrency';
import { DamFlow, type Verified } from '../../shared/flow';
import { listIn } from '../../shared/pagination';
import {
	PRESIGNED_UPLOAD_DEFAULTS,
	uploadToPresignedParts,
} from '../../shared/upload/presignedParts';
import { nomadRequest } from '../transport';
import { answeredGuid } from './ids';

export const MiB = 1024 * 1024;

/** The largest part this node accepts from Nomad's upload plan (parts over 8 MiB are streamed, not held in memory). */
export const MAX_PART_BYTES = PRESIGNED_UPLOAD_DEFAULTS.maxBufferedBytes;

/** A part as `POST /asset/upload/start` hands it out (AssetPartUploadModel). */
interface StartPart {
	id: string;
	partNumber: number;
	/** The presigned URL as Nomad Media's OpenAPI names it. */
	url?: string;
	/** The same URL as Nomad Media's prose documentation names it. */
	uploadUrl?: string;
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

/** An entry of `GET /admin/asset/upload` (AssetUploadModel). */
interface UploadEntry {
	id?: string;
	etag?: string | null;
}

export interface MultipartUploadResult {
	uploadId: string;
	assetId: string;
	size: number;
	md5: string;
	partCount: number;
	partSize: number;
	complete: IDataObject;
	/** How a completion whose answer was lost was found done (read back from the upload list). */
	verified?: string;
}

/**
 * The upload summary every DAM node outputs (fileName, size, md5, method, parts, partSize,
 * verified), with Nomad Media's earlier name for the number of parts (partCount).
 */
export function uploadSummary(fileName: string, result: MultipartUploadResult): IDataObject {
	return {
		fileName,
		size: result.size,
		md5: result.md5,
		method: 'multipart',
		parts: result.partCount,
		partSize: result.partSize,
		partCount: result.partCount,
		...(result.verified ? { verified: result.verified } : {}),
	};
}

const STEPS = [
	'Start the upload',
	'Upload the parts',
	'Confirm the parts',
	'Complete the upload',
] as const;

/** A part's presigned URL: `url` in Nomad Media's OpenAPI, `uploadUrl` in its documentation; either is read. */
export function partUrlOf(part: Partial<StartPart> | undefined): string | undefined {
	for (const candidate of [part?.url, part?.uploadUrl])
		if (typeof candidate === 'string' && candidate) return candidate;
	return undefined;
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
		this.urls = new Map(parts.map((part) => [part.partNumber, partUrlOf(part)!]));
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
		for (const part of listIn<StartPart>(answer, 'parts', 'items')) {
			const url = partUrlOf(part);
			if (url) this.urls.set(part.partNumber, url);
		}
		this.refreshes++;
	}

	async get(partNumber: number): Promise<string> {
		const url = this.urls.get(partNumber);
		if (!url)
			throw new NodeOperationError(
				this.ctx.getNode(),
				`Nomad Media handed out no URL for part ${partNumber}`,
				{ itemIndex: this.itemIndex },
			);
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
function readPlan(
	answer: StartAnswer,
	size: number,
): { parts: StartPart[]; partSize: number } | string {
	const parts = [...(answer.parts ?? [])].sort((a, b) => a.partNumber - b.partNumber);
	if (!parts.length) return 'the start answer has no upload parts';
	const first = parts[0];
	const partSize = first.endingPosition - first.startingPosition + 1;
	if (partSize > MAX_PART_BYTES) {
		return `its parts are ${Math.ceil(partSize / MiB)} MiB; this node sends at most ${MAX_PART_BYTES / MiB} MiB per part`;
	}
	for (let index = 0; index < parts.length; index++) {
		const part = parts[index];
		if (part.partNumber !== index + 1) return `part numbers are not 1..${parts.length}`;
		if (!partUrlOf(part))
			return `part ${part.partNumber} has no upload URL (neither url nor uploadUrl)`;
		if (typeof part.id !== 'string' || !part.id) return `part ${part.partNumber} has no ID`;
		if (part.startingPosition !== index * partSize)
			return `part ${part.partNumber} does not start at byte ${index * partSize}`;
		const length = part.endingPosition - part.startingPosition + 1;
		if (index < parts.length - 1 && length !== partSize)
			return `part ${part.partNumber} is not ${partSize} bytes long`;
	}
	const last = parts[parts.length - 1];
	if (size > 0 && last.endingPosition !== size - 1)
		return `the parts cover ${last.endingPosition + 1} bytes, the file has ${size}`;
	return { parts, partSize: Math.max(partSize, 1) };
}

/** Whether a failed start may still have opened an upload: anything but Nomad Media refusing it (4xx). */
function startMayHaveActed(error: unknown): boolean {
	const status = Number((error as { httpCode?: string | null })?.httpCode);
	return !(status >= 400 && status < 500);
}

/** Nomad Media's uploads of this user: the unfinished ones, or all of them with `includeCompleted`. */
async function listUploads(
	this: IExecuteFunctions,
	i: number,
	includeCompleted: boolean,
): Promise<UploadEntry[]> {
	const answer = (await nomadRequest.call(
		this,
		{
			method: 'GET',
			url: '/admin/asset/upload',
			qs: includeCompleted ? { includeCompletedUploads: true } : {},
		},
		{ itemIndex: i },
	)) as unknown;
	return listIn<UploadEntry>(answer, 'uploads', 'items');
}

/**
 * After the answer of `complete` was lost: an upload still listed as unfinished was not completed;
 * one listed only among the finished ones with the ETag of the assembled file was. Anything else
 * is not known, and is said so.
 */
async function readBackCompletion(
	this: IExecuteFunctions,
	i: number,
	uploadId: string,
): Promise<Verified<IDataObject>> {
	const same = (entry: UploadEntry) => String(entry.id ?? '').toLowerCase() === uploadId;
	if ((await listUploads.call(this, i, false)).some(same)) return { committed: false };
	const entry = (await listUploads.call(this, i, true)).find(same);
	if (entry && typeof entry.etag === 'string' && entry.etag) {
		return {
			committed: true,
			value: { completed: true, answerLost: true, uploadId, etag: entry.etag },
		};
	}
	throw new NodeOperationError(
		this.getNode(),
		entry
			? 'Nomad Media lists the upload as finished but without the ETag of a completed file'
			: 'Nomad Media does not list the upload any more',
		{ itemIndex: i },
	);
}

/**
 * POST /asset/upload/{id}/cancel: Nomad Media drops the parts and the upload (and an asset the
 * upload created). Cancelling an upload again changes nothing, so it is safe to repeat. `cleanup`
 * sends it even after n8n cancelled the execution (the upload's own clean-up after a failure).
 */
export async function cancelUpload(
	this: IExecuteFunctions,
	i: number,
	uploadId: string,
	message?: string,
	extras: { cleanup?: boolean } = {},
): Promise<void> {
	await nomadRequest.call(
		this,
		{
			method: 'POST',
			url: `/asset/upload/${uploadId}/cancel`,
			...(message ? { qs: { message: message.slice(0, 500) } } : {}),
		},
		{ itemIndex: i, idempotent: true, ...extras },
	);
}

/**
 * Nomad Media's multipart upload, as one flow: start (the DAM answers with one presigned URL per
 * part and the part size), PUT every part straight to storage (no credentials go there), confirm
 * every part with the ETag storage answered, then complete. A failure after the start, or a cancelled
 * execution, cancels the upload on Nomad Media (the cancel is sent even after n8n cancelled the
 * execution). The completion is a commit: when its answer is lost, the upload list is read back and
 * the node reports what Nomad Media holds instead of cancelling a completed upload.
 */
export async function multipartUpload(
	this: IExecuteFunctions,
	i: number,
	input: BinaryInput,
	start: { path: string; body: IDataObject; name: string },
	options: { concurrency: number },
): Promise<MultipartUploadResult> {
	const flow = new DamFlow(this, {
		service: 'Nomad Media',
		name: start.name,
		steps: STEPS,
		itemIndex: i,
	});
	// The failure is remembered for the cancel's message; the flow wraps and reports it.
	let failure: unknown;
	const noting =
		<T>(work: () => Promise<T>) =>
		async (): Promise<T> =>
			await work().catch((error: unknown) => {
				failure = error;
				throw error;
			});

	flow.leaves(() =>
		startMayHaveActed(failure)
			? 'Nomad Media may have opened an upload whose ID the node did not get (its answer was lost or unusable), so it could not be cancelled; an unfinished upload is listed by GET /admin/asset/upload until Nomad Media expires it.'
			: 'Nothing was uploaded.',
	);
	const { answer, uploadId } = await flow.step(
		STEPS[0],
		noting(async () => {
			const started = (await nomadRequest.call(
				this,
				{ method: 'POST', url: start.path, body: start.body },
				{ itemIndex: i },
			)) as StartAnswer;
			return {
				answer: started,
				uploadId: answeredGuid.call(this, started?.id, 'an upload ID', i),
			};
		}),
	);

	let cancelled = false;
	let committing = false;
	flow.leaves(() => {
		if (cancelled)
			return `The upload (ID ${uploadId}) was cancelled on Nomad Media; nothing was kept.`;
		if (committing) return '';
		return `Nomad Media keeps the unfinished upload (ID ${uploadId}) until it expires it.`;
	});
	flow.onFailure(`Cancelling the upload (ID ${uploadId}) on Nomad Media`, async () => {
		const reason = redactUrls(
			(failure as Error)?.message ?? String(failure ?? 'the upload failed'),
		);
		await cancelUpload.call(this, i, uploadId, `n8n: ${reason}`, { cleanup: true });
		cancelled = true;
	});

	const { plan, uploaded } = await flow.step(
		STEPS[1],
		noting(async () => {
			const read = readPlan(answer, input.size);
			if (typeof read === 'string') {
				throw new NodeOperationError(
					this.getNode(),
					`Nomad Media's upload plan cannot be followed: ${read}`,
					{ itemIndex: i },
				);
			}
			for (const part of read.parts)
				answeredGuid.call(this, part.id, `an ID for part ${part.partNumber}`, i);
			const urls = new PartUrls(this, i, uploadId, read.parts);
			const sent = await uploadToPresignedParts.call(this, input, {
				partSize: read.partSize,
				partUrl: async (partNumber) => await urls.get(partNumber),
				partCount: read.parts.length,
				concurrency: options.concurrency,
			});
			return { plan: read, uploaded: sent };
		}),
	);

	await flow.step(
		STEPS[2],
		noting(async () => {
			await forEachLimited(uploaded.parts, 4, async (part) => {
				// Confirming a part again with the same ETag changes nothing: safe to repeat.
				await nomadRequest.call(
					this,
					{
						method: 'POST',
						url: `/asset/upload/part/${plan.parts[part.partNumber - 1].id.toLowerCase()}/complete`,
						body: { etag: part.etag },
					},
					{ itemIndex: i, idempotent: true },
				);
			});
		}),
	);

	let verified: string | undefined;
	const complete = await flow.commit(
		STEPS[3],
		noting(
			async () =>
				(await nomadRequest.call(
					this,
					{ method: 'POST', url: `/asset/upload/${uploadId}/complete` },
					{ itemIndex: i, commit: true },
				)) as IDataObject,
		),
		async () => {
			// While the outcome is unknown the upload may be complete: it is not described as unfinished.
			committing = true;
			const found = await readBackCompletion.call(this, i, uploadId);
			if (!found.committed) committing = false;
			else
				verified =
					'The answer of the completion was lost; Nomad Media lists the upload as finished with the ETag of the assembled file.';
			return found;
		},
	);

	return {
		uploadId,
		assetId: String(answer.assetId ?? ''),
		size: uploaded.size,
		md5: uploaded.md5,
		partCount: plan.parts.length,
		partSize: plan.partSize,
		complete: (complete ?? {}) as IDataObject,
		...(verified ? { verified } : {}),
	};
}
