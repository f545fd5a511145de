import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { BINARY_ENCODING, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readBinaryInput, type BinaryInput } from '../../shared/binary';
import { describeHttpFailure, redactUrls } from '../../shared/errors';
import { uploadToPresignedParts, type PartsUploadResult } from '../../shared/upload/presignedParts';
import { tenovosRequest } from '../transport';
import type { MetadataItem } from './metadata';
import { TENOVOS_PART_SIZE, uploadSizeProblem } from './utils';

/** What POST /asset needs besides the file: template, metadata, security templates, version link. */
export interface AssetFields {
	metadataTemplateId: string;
	metadata: MetadataItem[];
	securityTemplateIds: string[];
	originalFileId?: string;
}

interface CreatedAsset {
	filename?: string;
	objectId?: string;
	fileId?: string;
	originalFileId?: string;
	url?: string;
	uploadId?: string;
	urls?: Array<{ partNumber?: number; url?: string }>;
}

/** Size of a binary property from n8n's metadata, without opening its data. */
async function binarySize(this: IExecuteFunctions, i: number, propertyName: string): Promise<number> {
	const binary = this.helpers.assertBinaryData(i, propertyName);
	if (binary.id) return Number((await this.helpers.getBinaryMetadata(binary.id)).fileSize);
	return typeof binary.data === 'string' ? Buffer.byteLength(binary.data, BINARY_ENCODING) : NaN;
}

/**
 * Stops with a NodeOperationError naming the binary property when its file cannot go to Tenovos
 * (over 5 GB). Reads only n8n's metadata: call it before any request.
 */
export async function assertUploadable(this: IExecuteFunctions, i: number, propertyName: string): Promise<number> {
	const size = await binarySize.call(this, i, propertyName);
	const problem = uploadSizeProblem(size, propertyName);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex: i });
	return size;
}

/** Closes an input stream that will not be read (frees the file handle). */
function discard(stream: AsyncIterable<Buffer>): void {
	const closable = stream as { destroy?: () => void };
	if (typeof closable.destroy === 'function') closable.destroy();
}

/** The message and status of whatever failed, for the error that reports the cancelled upload. */
function failureOf(error: unknown): { message: string; status?: string } {
	const e = error as { message?: string; httpCode?: string | null };
	const httpStatus = describeHttpFailure(error).status;
	const status = e.httpCode ?? (httpStatus ? String(httpStatus) : undefined);
	const message = redactUrls(e.message ?? String(error)).replace(/^Tenovos: /, '');
	return { message, status };
}

/** What the failed upload leaves in Tenovos, for the error's description. */
function leftBehind(created: CreatedAsset, fields: AssetFields): string {
	const id = created.objectId ?? '(no ID)';
	return fields.originalFileId
		? `The new version ${id} has no content: upload the file again`
		: `Asset ${id} was created without content (metadata-only): upload the file again as a new version of it, or delete it`;
}

/**
 * Creates an asset (or a new version when `originalFileId` is set) and uploads the binary:
 * files up to 100 MiB with one PUT to the presigned URL, larger ones in 100 MiB parts to the
 * presigned part URLs followed by /asset/complete. Any failure after the multipart upload was
 * opened cancels it through /asset/complete before the error is reported.
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
	const fileName = fileNameOverride || this.helpers.assertBinaryData(i, propertyName).fileName || 'file';

	const multipart = size > TENOVOS_PART_SIZE;
	const created = (await tenovosRequest.call(
		this,
		'POST',
		'/asset',
		{ ...fields, filename: fileName, ...(multipart ? { filesize: size } : {}) } as IDataObject,
		{ itemIndex: i },
	)) as CreatedAsset;
	const ids: IDataObject = {
		objectId: created.objectId,
		fileId: created.fileId,
		originalFileId: created.originalFileId,
		filename: created.filename ?? fileName,
	};
	const fail = (error: unknown, what: string): Error => {
		const failure = failureOf(error);
		const message = `Tenovos: uploading "${fileName}" ${what}: ${failure.message}`;
		const description = leftBehind(created, fields);
		if (failure.status) {
			return new NodeApiError(this.getNode(), { message } as JsonObject, {
				message,
				description,
				httpCode: failure.status,
				itemIndex: i,
			});
		}
		return new NodeOperationError(this.getNode(), message, { itemIndex: i, description });
	};

	if (!multipart) {
		let input: BinaryInput | undefined;
		try {
			if (typeof created.url !== 'string' || !created.url) {
				throw new NodeOperationError(this.getNode(), 'Tenovos returned no upload URL', { itemIndex: i });
			}
			const url = created.url;
			input = await readBinaryInput.call(this, i, propertyName, fileName);
			const result = await uploadToPresignedParts(this, input, {
				partSize: TENOVOS_PART_SIZE,
				partUrl: () => url,
				partCount: 1,
				concurrency: 1,
				// Not part of the signature: stored with the object, so downloads come back typed.
				headers: { 'Content-Type': input.mimeType },
			});
			return { ...ids, size: result.size, md5: result.md5, uploadMethod: 'singlePut', parts: 1 };
		} catch (error) {
			if (input) discard(input.stream);
			throw fail(error, 'failed');
		}
	}

	const uploadId = created.uploadId;
	const urls = new Map<number, string>();
	for (const entry of created.urls ?? []) {
		if (typeof entry?.url === 'string' && Number.isInteger(entry.partNumber)) urls.set(Number(entry.partNumber), entry.url);
	}
	const completeBody = (action: 'complete' | 'cancel', parts?: PartsUploadResult['parts']): IDataObject => ({
		fileId: created.fileId,
		filename: created.filename ?? fileName,
		filesize: size,
		uploadId,
		action,
		...(created.originalFileId ? { originalFileId: created.originalFileId } : {}),
		...(parts ? { parts: parts.map((part) => ({ partNumber: part.partNumber, etag: part.etag })) } : {}),
	});
	let input: BinaryInput | undefined;
	try {
		if (!uploadId || !created.fileId || urls.size === 0) {
			throw new NodeOperationError(this.getNode(), 'Tenovos returned no multipart upload (upload ID and part URLs)', {
				itemIndex: i,
			});
		}
		input = await readBinaryInput.call(this, i, propertyName, fileName);
		const result = await uploadToPresignedParts(this, input, {
			partSize: TENOVOS_PART_SIZE,
			partCount: urls.size,
			partUrl: (partNumber) => {
				const url = urls.get(partNumber);
				if (!url) {
					throw new NodeOperationError(this.getNode(), `Tenovos returned no upload URL for part ${partNumber}`, {
						itemIndex: i,
					});
				}
				return url;
			},
		});
		const completed = await tenovosRequest.call(this, 'POST', '/asset/complete', completeBody('complete', result.parts), {
			itemIndex: i,
		});
		if (completed.status !== undefined && completed.status !== 'success') {
			throw new NodeOperationError(this.getNode(), `Tenovos did not complete the upload (status "${String(completed.status)}")`, {
				itemIndex: i,
			});
		}
		return {
			...ids,
			size: result.size,
			md5: result.md5,
			uploadMethod: 'multipart',
			parts: result.parts.length,
			...(typeof completed.s3Key === 'string' ? { s3Key: completed.s3Key } : {}),
		};
	} catch (error) {
		if (input) discard(input.stream);
		let outcome = 'failed and the multipart upload was cancelled';
		if (uploadId && created.fileId) {
			try {
				await tenovosRequest.call(this, 'POST', '/asset/complete', completeBody('cancel'), { itemIndex: i, idempotent: true });
			} catch (cancelError) {
				outcome = `failed, and cancelling the multipart upload failed too (${failureOf(cancelError).message})`;
			}
		} else {
			outcome = 'failed (there was no multipart upload to cancel)';
		}
		throw fail(error, outcome);
	}
}
