import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { hasControlCharacter, readBinaryInput } from '../../shared/binary';
import { getUploadTuning } from '../../shared/parameters';
import {
	uploadToAzureBlob,
	type AzureBlobUploadOptions,
	type BlobUploadResult,
} from '../../shared/upload/azureBlob';
import { MiB } from '../../shared/upload/parts';
import { MAX_BLOCK_MIB, UPLOAD_TUNING } from '../actions/common.descriptions';
import { field, listOf, mvRequest, payloadOf } from '../transport';
import { CATEGORY_ID, isIdOf } from './ids';

/** Files up to this size go in one Put Blob; larger ones in blocks. */
export const SINGLE_PUT_LIMIT = 8 * MiB;

/**
 * Category IDs from a multi-options parameter of item `i`: a list, or a comma-separated string from
 * an expression; each must be a UUID (it goes into a request path or filter).
 */
export function getCategoryIds(
	this: IExecuteFunctions,
	i: number,
	parameter = 'categoryIds',
): string[] {
	const raw = this.getNodeParameter(parameter, i, []) as unknown;
	const list = Array.isArray(raw)
		? raw
		: raw === undefined || raw === null || raw === ''
			? []
			: String(raw).split(',');
	const ids = list.map((id) => String(id).trim()).filter(Boolean);
	const bad = ids.find((id) => !isIdOf(CATEGORY_ID, id));
	if (bad !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`"${bad}" in "Categories" is not a MediaValet category ID`,
			{ itemIndex: i },
		);
	}
	return ids;
}

function isSignedUrl(value: unknown): boolean {
	return typeof value === 'string' && /^https?:\/\/[^?\s]+\?\S*(sig|signature)=/i.test(value);
}

/**
 * An asset as the node outputs it. The time-limited signed URLs MediaValet puts under `media`
 * (thumbnail, previews, original) let anyone download the file, so they are left out unless
 * the user asked for them.
 */
export function assetOutput(asset: IDataObject, includeSignedUrls = false): IDataObject {
	if (includeSignedUrls || !asset || typeof asset !== 'object') return asset;
	const media = field(asset, 'media');
	if (!media || typeof media !== 'object' || Array.isArray(media)) return asset;
	const kept: IDataObject = {};
	for (const [key, value] of Object.entries(media as IDataObject)) {
		if (!isSignedUrl(value)) kept[key] = value;
	}
	const mediaKey = Object.keys(asset).find((key) => key.toLowerCase() === 'media') ?? 'media';
	return { ...asset, [mediaKey]: kept };
}

/** The asset as GET /assets/{id} answers it; undefined for an empty answer or, with `missingOk`, a 404. */
export async function findAsset(
	this: IExecuteFunctions,
	assetId: string,
	i: number,
	request: { qs?: IDataObject; missingOk?: boolean } = {},
): Promise<IDataObject | undefined> {
	const body = await mvRequest
		.call(this, { method: 'GET', url: `/assets/${assetId}`, qs: request.qs }, { itemIndex: i })
		.catch((error: { httpCode?: string }) =>
			request.missingOk && error.httpCode === '404' ? undefined : Promise.reject(error),
		);
	const asset = payloadOf<IDataObject>(body);
	return asset && typeof asset === 'object' && !Array.isArray(asset) ? asset : undefined;
}

/** The asset with ID `assetId`: a 404 is MediaValet's error, an empty answer (MediaValet sometimes gives 204) ours. */
export async function getAsset(
	this: IExecuteFunctions,
	assetId: string,
	i: number,
	qs?: IDataObject,
): Promise<IDataObject> {
	const asset = await findAsset.call(this, assetId, i, { qs });
	if (!asset) {
		throw new NodeOperationError(this.getNode(), `MediaValet found no asset with ID ${assetId}`, {
			itemIndex: i,
		});
	}
	return asset;
}

/** The first signed storage URL in a payload: the payload itself, a known field, or any string found inside. */
export function findDownloadUrl(payload: unknown, depth = 0): string | undefined {
	if (depth > 4 || payload === undefined || payload === null) return undefined;
	if (typeof payload === 'string')
		return /^https?:\/\//i.test(payload.trim()) ? payload.trim() : undefined;
	if (Array.isArray(payload)) {
		for (const entry of payload) {
			const found = findDownloadUrl(entry, depth + 1);
			if (found) return found;
		}
		return undefined;
	}
	if (typeof payload !== 'object') return undefined;
	for (const key of ['url', 'downloadUrl', 'sasUrl', 'uri', 'original', 'download']) {
		const found = findDownloadUrl(field(payload, key), depth + 1);
		if (found) return found;
	}
	for (const value of Object.values(payload as IDataObject)) {
		const found = findDownloadUrl(value, depth + 1);
		if (found) return found;
	}
	return undefined;
}

/** The original file's name and MIME type from an AssetDto. */
export function originalFileOf(asset: IDataObject): {
	fileName: string;
	mimeType?: string;
	size?: number;
} {
	const file = field(asset, 'file');
	const fileName = (field(file, 'fileName') ??
		field(file, 'title') ??
		field(asset, 'title') ??
		'file') as string;
	const mimeType = field(file, 'mimeType') as string | undefined;
	const size = field(file, 'sizeInBytes') as number | undefined;
	return { fileName: String(fileName), mimeType: mimeType || undefined, size };
}

/** The version number of an AssetDto (record.version.version). */
export function versionOf(asset: IDataObject): number | undefined {
	const version = field(field(field(asset, 'record'), 'version'), 'version');
	return typeof version === 'number' ? version : undefined;
}

/** Upload tuning from the "Options" collection of item `i`, checked against MediaValet's limits. */
export function uploadSettings(this: IExecuteFunctions, i: number): AzureBlobUploadOptions {
	// Checked at run time: an expression can give a word, 0 or 1e9, and a block above MediaValet's
	// segment limit would be refused by storage only after the upload began.
	const { partSizeMiB, concurrency } = getUploadTuning.call(this, i, UPLOAD_TUNING);
	return {
		blockSize: partSizeMiB * MiB,
		maxBlockSize: MAX_BLOCK_MIB * MiB,
		singlePutLimit: SINGLE_PUT_LIMIT,
		concurrency,
	};
}

/** What an upload sends: the binary field, its file name and the upload tuning. */
export interface UploadSource {
	property: string;
	fileName: string;
	settings: AzureBlobUploadOptions;
}

/**
 * The upload source of item `i`, checked before any request: the binary field must hold data,
 * the file name (`chosenName`, else the binary's own) must suit MediaValet, the tuning its limits.
 */
export function uploadSource(this: IExecuteFunctions, i: number, chosenName: string): UploadSource {
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const binary = this.helpers.assertBinaryData(i, property);
	const fileName = checkFileName.call(this, chosenName || binary.fileName || '', i, 'File Name');
	return { property, fileName, settings: uploadSettings.call(this, i) };
}

/**
 * Sends the file to a write SAS URL MediaValet issued: one Put Blob for small files, blocks
 * otherwise. An empty file is refused (MediaValet keeps no empty versions).
 */
export async function uploadBinary(
	this: IExecuteFunctions,
	i: number,
	source: UploadSource,
	uploadUrl: string,
): Promise<BlobUploadResult> {
	const { property, fileName, settings } = source;
	const input = await readBinaryInput.call(this, i, property, fileName);
	if (input.size === 0) {
		throw new NodeOperationError(this.getNode(), `The binary field "${property}" is empty`, {
			itemIndex: i,
		});
	}
	return await uploadToAzureBlob.call(this, uploadUrl, input, settings);
}

/** How the blob went up, by the names MediaValet's outputs had before the shared summary. */
export function blobUploadKeys(upload: BlobUploadResult): IDataObject {
	return { uploadMethod: upload.method, blocks: upload.blocks, blockSize: upload.blockSize };
}

/** `verified` and how, when a lost answer was settled by reading MediaValet back. */
export function verifiedKeys(note?: string): IDataObject {
	return note ? { verified: true, note } : {};
}

/**
 * The upload summary every DAM node outputs (fileName, size, md5, method, parts, partSize,
 * verified), with MediaValet's earlier names for the same facts (uploadMethod, blocks, blockSize).
 */
export function uploadSummary(
	fileName: string,
	upload: BlobUploadResult,
	verifiedNote?: string,
): IDataObject {
	return {
		fileName,
		size: upload.size,
		md5: upload.md5,
		method: upload.method,
		parts: upload.blocks,
		partSize: upload.blockSize,
		...blobUploadKeys(upload),
		...verifiedKeys(verifiedNote),
	};
}

/** Whether `url` can be an upload or download URL (MediaValet hands out absolute SAS URLs). */
export function isHttpUrl(url: unknown): url is string {
	return typeof url === 'string' && /^https?:\/\//i.test(url);
}

/** MediaValet refuses these and control characters in file names (Windows-style rules, as the portal does). */
const INVALID_FILE_NAME = /[\\/:*?"<>|]/;

export function checkFileName(
	this: IExecuteFunctions,
	fileName: string,
	i: number,
	parameter: string,
): string {
	const name = fileName.trim();
	if (!name) {
		throw new NodeOperationError(
			this.getNode(),
			`The "${parameter}" parameter is empty and the binary data has no file name`,
			{
				itemIndex: i,
			},
		);
	}
	if (INVALID_FILE_NAME.test(name) || hasControlCharacter(name) || name.length > 255) {
		throw new NodeOperationError(
			this.getNode(),
			`The "${parameter}" parameter "${name}" is not a valid file name (no \\ / : * ? " < > | and at most 255 characters)`,
			{ itemIndex: i },
		);
	}
	return name;
}

/** The comments of an asset: MediaValet returns them in one list. */
export async function listComments(
	this: IExecuteFunctions,
	assetId: string,
	i: number,
): Promise<IDataObject[]> {
	const body = await mvRequest.call(
		this,
		{ method: 'GET', url: `/assets/${assetId}/comments` },
		{ itemIndex: i },
	);
	return listOf(body, 'comments');
}
