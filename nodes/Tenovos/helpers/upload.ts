import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING, NodeOperationError } from 'n8n-workflow';

import { readBinaryInput, type BinaryInput } from '../../shared/binary';
import { actOnce, DamFlow, type Verified } from '../../shared/flow';
import { checkDamId } from '../../shared/ids';
import {
	uploadToPresignedParts,
	type PartsUploadResult,
	type PresignedUploadOptions,
} from '../../shared/upload/presignedParts';
import { storageRequest } from '../../shared/upload/storageRequest';
import { tenovosRequest } from '../transport';
import { TENOVOS_ID } from './ids';
import type { MetadataItem } from './metadata';
import { TENOVOS_PART_SIZE, partSizeFor, uploadSizeProblem } from './utils';

/** What POST /asset needs besides the file: template, metadata, security templates, version link. */
export interface AssetFields {
	metadataTemplateId: string;
	metadata: MetadataItem[];
	securityTemplateIds: string[];
	originalFileId?: string;
}

export interface CreatedAsset {
	filename?: string;
	objectId?: string;
	fileId?: string;
	originalFileId?: string;
	url?: string;
	uploadId?: string;
	urls?: Array<{ partNumber?: number; url?: string }>;
}

/** How the file went up: the package's one upload summary shape. */
export interface UploadSummary extends IDataObject {
	fileName: string;
	size: number;
	md5: string;
	method: 'singlePut' | 'multipart';
	parts: number;
	partSize: number;
	verified?: string;
}

const CREATE = 'create the asset record';
const UPLOAD_FILE = 'upload the file';
const UPLOAD_PARTS = 'upload the parts';
const COMPLETE = 'complete the upload';

/** Size of a binary property from n8n's metadata, without opening its data. */
async function binarySize(
	this: IExecuteFunctions,
	i: number,
	propertyName: string,
): Promise<number> {
	const binary = this.helpers.assertBinaryData(i, propertyName);
	if (binary.id) return Number((await this.helpers.getBinaryMetadata(binary.id)).fileSize);
	return typeof binary.data === 'string' ? Buffer.byteLength(binary.data, BINARY_ENCODING) : NaN;
}

/**
 * Stops with a NodeOperationError naming the binary property when its file cannot go to Tenovos
 * (over 5 GB). Reads only n8n's metadata: call it before any request.
 */
export async function assertUploadable(
	this: IExecuteFunctions,
	i: number,
	propertyName: string,
): Promise<number> {
	const size = await binarySize.call(this, i, propertyName);
	const problem = uploadSizeProblem(size, propertyName);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex: i });
	return size;
}

/**
 * POST /asset, sent once: Tenovos creates a record on every call, so it is repeated only when
 * Tenovos said it did nothing. When the answer was lost (5xx, reset) the asset may exist anyway,
 * and the error says so.
 */
export async function postAsset(
	this: IExecuteFunctions,
	body: IDataObject,
	i: number,
): Promise<CreatedAsset> {
	const { value } = await actOnce(this, {
		service: 'Tenovos',
		itemIndex: i,
		work: async () =>
			(await tenovosRequest.call(this, 'POST', '/asset', body, {
				itemIndex: i,
				commit: true,
			})) as CreatedAsset,
		mayHave: `created the asset "${String(body.filename)}" (search for it in Tenovos)`,
	});
	return value;
}

/** Sends the file; on a failure closes the input stream, which may not have been read at all. */
async function sendFile(
	this: IExecuteFunctions,
	input: BinaryInput,
	options: PresignedUploadOptions,
): Promise<PartsUploadResult> {
	let sent = false;
	try {
		const result = await uploadToPresignedParts.call(this, input, options);
		sent = true;
		return result;
	} finally {
		if (!sent) (input.stream as { destroy?: () => void }).destroy?.();
	}
}

/** What a failed upload leaves in Tenovos, for the error's description. */
function leftBehind(created: CreatedAsset, fields: AssetFields): string {
	const id = created.objectId ?? '(no ID)';
	return fields.originalFileId
		? `The new version ${id} has no content: upload the file again.`
		: `Asset ${id} was created without content (metadata-only): upload the file again as a new version of it, or delete it.`;
}

/** The part URLs Tenovos returned, by part number. */
function partUrls(created: CreatedAsset): Map<number, string> {
	const urls = new Map<number, string>();
	for (const entry of created.urls ?? []) {
		if (typeof entry?.url === 'string' && Number.isInteger(entry.partNumber))
			urls.set(Number(entry.partNumber), entry.url);
	}
	return urls;
}

type Failure = { httpCode?: string | null; message?: string };

/** The answer of `work`, or undefined when its failure says the thing is not there. */
async function unlessMissing<T>(
	work: () => Promise<T>,
	missing: (failure: Failure) => boolean,
): Promise<T | undefined> {
	let failure: unknown;
	try {
		return await work();
	} catch (error) {
		failure = error;
	}
	if (missing(failure as Failure)) return undefined;
	throw failure;
}

/** The file as Tenovos stores it: is it there? Asks the storage host with the asset's download URL. */
async function storedObjectExists(
	this: IExecuteFunctions,
	objectId: string,
	i: number,
): Promise<boolean> {
	const content = await unlessMissing(
		async () =>
			await tenovosRequest.call(this, 'GET', `/asset/${objectId}/content`, undefined, {
				itemIndex: i,
			}),
		(e) => e.httpCode === '403' && /not found/i.test(String(e.message)),
	);
	const url = content?.presignedURL;
	if (typeof url !== 'string' || !url) return false;
	const probe = await unlessMissing(
		async () =>
			await storageRequest.call(
				this,
				'Reading the uploaded file back',
				{ method: 'GET', url, headers: { Range: 'bytes=0-0' }, encoding: 'arraybuffer' },
				{ maxAttempts: 2 },
				this.getExecutionCancelSignal(),
			),
		(e) => e.httpCode === '404',
	);
	return probe !== undefined;
}

/**
 * Whether the content of the new asset is in Tenovos: read after /asset/complete lost its
 * answer. Tenovos fills `technicalMetadata.tenovos_metadata` (size, MD5) once it has the file;
 * as it does that on its own schedule, an asset without it is checked at the storage host.
 */
async function contentIsStored(
	this: IExecuteFunctions,
	created: CreatedAsset,
	i: number,
): Promise<boolean> {
	const objectId = checkDamId.call(this, created.objectId, 'an object ID', TENOVOS_ID, i);
	const asset = await tenovosRequest.call(this, 'GET', `/asset/${objectId}`, undefined, {
		itemIndex: i,
	});
	const technical = ((asset.technicalMetadata as IDataObject | undefined)?.tenovos_metadata ??
		{}) as IDataObject;
	if (technical.MD5Checksum || technical.fileSize) return true;
	return await storedObjectExists.call(this, objectId, i);
}

/** One upload of a created asset: the flow it is part of, the record, and the file to send. */
interface Upload {
	flow: DamFlow;
	created: CreatedAsset;
	i: number;
	propertyName: string;
	fileName: string;
	size: number;
}

/** Files up to 100 MiB: one PUT to the presigned URL, nothing to complete. */
async function uploadInOne(this: IExecuteFunctions, upload: Upload): Promise<UploadSummary> {
	const { flow, created, i, propertyName, fileName } = upload;
	return await flow.step(UPLOAD_FILE, async () => {
		const url = created.url;
		if (typeof url !== 'string' || !url) {
			throw new NodeOperationError(this.getNode(), 'Tenovos returned no upload URL', {
				itemIndex: i,
			});
		}
		const input = await readBinaryInput.call(this, i, propertyName, fileName);
		const result = await sendFile.call(this, input, {
			partSize: TENOVOS_PART_SIZE,
			partUrl: () => url,
			partCount: 1,
			concurrency: 1,
			// Not part of the signature: stored with the object, so downloads come back typed.
			headers: { 'Content-Type': input.mimeType },
		});
		const { size, md5 } = result;
		return { fileName, size, md5, method: 'singlePut', parts: 1, partSize: size };
	});
}

/**
 * Larger files: the parts to Tenovos' presigned part URLs, then /asset/complete. A failure before
 * the complete cancels the multipart upload (also when the execution was cancelled); a complete
 * whose answer was lost is checked by reading the asset back.
 */
async function uploadInParts(
	this: IExecuteFunctions,
	upload: Upload,
): Promise<UploadSummary & { s3Key?: string }> {
	const { flow, created, i, propertyName, fileName, size } = upload;
	const { uploadId, fileId } = created;
	const urls = partUrls(created);
	const completeBody = (
		action: 'complete' | 'cancel',
		parts?: PartsUploadResult['parts'],
	): IDataObject => ({
		fileId,
		filename: created.filename ?? fileName,
		filesize: size,
		uploadId,
		action,
		...(created.originalFileId ? { originalFileId: created.originalFileId } : {}),
		...(parts
			? { parts: parts.map((part) => ({ partNumber: part.partNumber, etag: part.etag })) }
			: {}),
	});
	if (uploadId && fileId) {
		flow.onFailure(
			'Cancelling the multipart upload',
			async () =>
				// Cancelling twice changes nothing more than cancelling once.
				await tenovosRequest.call(this, 'POST', '/asset/complete', completeBody('cancel'), {
					itemIndex: i,
					cleanup: true,
					idempotent: true,
				}),
		);
	}

	let partSize = TENOVOS_PART_SIZE;
	const result = await flow.step(UPLOAD_PARTS, async () => {
		if (!uploadId || !fileId || urls.size === 0) {
			throw new NodeOperationError(
				this.getNode(),
				'Tenovos returned no multipart upload (upload ID and part URLs)',
				{ itemIndex: i },
			);
		}
		const sized = partSizeFor(size, urls.size);
		if (typeof sized === 'string')
			throw new NodeOperationError(this.getNode(), sized, { itemIndex: i });
		partSize = sized;
		const input = await readBinaryInput.call(this, i, propertyName, fileName);
		return await sendFile.call(this, input, {
			partSize,
			partCount: urls.size,
			partUrl: (partNumber) => {
				const url = urls.get(partNumber);
				if (!url)
					throw new NodeOperationError(
						this.getNode(),
						`Tenovos returned no upload URL for part ${partNumber}`,
						{ itemIndex: i },
					);
				return url;
			},
		});
	});

	let verified: string | undefined;
	const completed = await flow.commit(
		COMPLETE,
		async () => {
			const answer = await tenovosRequest.call(
				this,
				'POST',
				'/asset/complete',
				completeBody('complete', result.parts),
				{ itemIndex: i, commit: true },
			);
			if (answer.status !== undefined && answer.status !== 'success') {
				throw new NodeOperationError(
					this.getNode(),
					`Tenovos did not complete the upload (status "${String(answer.status)}")`,
					{ itemIndex: i },
				);
			}
			return answer;
		},
		async (): Promise<Verified<IDataObject>> => {
			if (!(await contentIsStored.call(this, created, i))) return { committed: false };
			verified =
				'The answer of the complete call was lost; reading the asset back showed its file stored.';
			return { committed: true, value: {} };
		},
	);
	return {
		fileName,
		size: result.size,
		md5: result.md5,
		method: 'multipart',
		parts: result.parts.length,
		partSize,
		...(verified ? { verified } : {}),
		...(typeof completed.s3Key === 'string' ? { s3Key: completed.s3Key } : {}),
	};
}

/**
 * Creates an asset (or a new version when `originalFileId` is set) and uploads the binary, in
 * named steps: create the asset record, upload the file (up to 100 MiB, one PUT) or upload the
 * parts and complete. A failure says which step failed, what Tenovos now holds and whether the
 * multipart upload was cancelled. The output holds the asset's IDs, the upload summary under
 * `upload`, and (as before) its size, md5, uploadMethod, parts and s3Key at the top level.
 */
export async function createAssetWithContent(
	this: IExecuteFunctions,
	i: number,
	fields: AssetFields,
	propertyName: string,
	fileNameOverride?: string,
): Promise<IDataObject> {
	// Checked on n8n's metadata before anything is read or sent.
	const size = await assertUploadable.call(this, i, propertyName);
	const fileName =
		fileNameOverride || this.helpers.assertBinaryData(i, propertyName).fileName || 'file';
	const multipart = size > TENOVOS_PART_SIZE;
	const flow = new DamFlow(this, {
		service: 'Tenovos',
		name: `Uploading "${fileName}"`,
		steps: multipart ? [CREATE, UPLOAD_PARTS, COMPLETE] : [CREATE, UPLOAD_FILE],
		itemIndex: i,
	});

	// With a file size Tenovos opens a multipart upload and returns part URLs; without, one URL.
	const body: IDataObject = {
		...fields,
		filename: fileName,
		...(multipart ? { filesize: size } : {}),
	};
	const created = await flow.step(CREATE, async () => await postAsset.call(this, body, i));
	flow.leaves(() => leftBehind(created, fields));
	const upload: Upload = { flow, created, i, propertyName, fileName, size };
	const { s3Key, ...summary } = multipart
		? await uploadInParts.call(this, upload)
		: await uploadInOne.call(this, upload);
	return {
		objectId: created.objectId,
		fileId: created.fileId,
		originalFileId: created.originalFileId,
		filename: created.filename ?? fileName,
		size: summary.size,
		md5: summary.md5,
		uploadMethod: summary.method,
		parts: summary.parts,
		...(s3Key ? { s3Key } : {}),
		upload: summary,
	};
}
