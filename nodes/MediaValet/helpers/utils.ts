import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactUrls } from '../../shared/errors';
import type { AzureBlobUploadOptions } from '../../shared/upload/azureBlob';
import { MiB } from '../../shared/upload/parts';
import { field, isUuid, mvRequest, payloadOf } from '../transport';

/** MediaValet's own limit: no Azure block (segment) above 64 MB. */
export const MAX_BLOCK_MIB = 64;
/** Files up to this size go in one Put Blob; larger ones in blocks. */
export const SINGLE_PUT_LIMIT = 8 * MiB;

/** The asset ID chosen in the "Asset" resource locator of item `i`, checked to be a UUID. */
export function getAssetId(this: IExecuteFunctions, i: number, parameter = 'assetId'): string {
	const raw = this.getNodeParameter(parameter, i, '', { extractValue: true }) as string;
	const id = String(raw ?? '').trim();
	if (!isUuid(id)) {
		throw new NodeOperationError(
			this.getNode(),
			`The "Asset" parameter must be a MediaValet asset ID (a UUID such as 3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b), got "${id}"`,
			{ itemIndex: i },
		);
	}
	return id;
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

export async function getAsset(this: IExecuteFunctions, assetId: string, i: number): Promise<IDataObject> {
	const body = await mvRequest.call(this, { method: 'GET', url: `/assets/${assetId}` }, { itemIndex: i });
	const asset = payloadOf<IDataObject>(body);
	if (!asset || typeof asset !== 'object') {
		throw new NodeOperationError(this.getNode(), `MediaValet returned no asset for ID ${assetId}`, { itemIndex: i });
	}
	return asset;
}

/** The first signed storage URL in a payload: the payload itself, a known field, or any string found inside. */
export function findDownloadUrl(payload: unknown, depth = 0): string | undefined {
	if (depth > 4 || payload === undefined || payload === null) return undefined;
	if (typeof payload === 'string') return /^https?:\/\//i.test(payload.trim()) ? payload.trim() : undefined;
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
export function originalFileOf(asset: IDataObject): { fileName: string; mimeType?: string; size?: number } {
	const file = field(asset, 'file');
	const fileName = (field(file, 'fileName') ?? field(file, 'title') ?? field(asset, 'title') ?? 'file') as string;
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
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const blockSizeMiB = Number(options.blockSizeMiB ?? 8);
	const concurrency = Number(options.concurrency ?? 4);
	if (!Number.isFinite(blockSizeMiB) || blockSizeMiB < 1 || blockSizeMiB > MAX_BLOCK_MIB) {
		throw new NodeOperationError(
			this.getNode(),
			`The "Block Size (MiB)" option must be between 1 and ${MAX_BLOCK_MIB}: MediaValet accepts no larger upload segments`,
			{ itemIndex: i },
		);
	}
	if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
		throw new NodeOperationError(this.getNode(), 'The "Parallel Uploads" option must be a whole number from 1 to 16', {
			itemIndex: i,
		});
	}
	return {
		blockSize: Math.round(blockSizeMiB * MiB),
		maxBlockSize: MAX_BLOCK_MIB * MiB,
		singlePutLimit: SINGLE_PUT_LIMIT,
		concurrency,
	};
}

/** MediaValet refuses these in file names (Windows-style rules, as the portal does). */
const INVALID_FILE_NAME = /[\\/:*?"<>|\u0000-\u001f]/;

export function checkFileName(this: IExecuteFunctions, fileName: string, i: number, parameter: string): string {
	const name = fileName.trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), `The "${parameter}" parameter is empty and the binary data has no file name`, {
			itemIndex: i,
		});
	}
	if (INVALID_FILE_NAME.test(name) || name.length > 255) {
		throw new NodeOperationError(
			this.getNode(),
			`The "${parameter}" parameter "${name}" is not a valid file name (no \\ / : * ? " < > | and at most 255 characters)`,
			{ itemIndex: i },
		);
	}
	return name;
}

/**
 * Wraps a failure of one step of a multi-step flow: the step's name and the state the asset is
 * left in go into the message; the DAM's status stays on the error.
 */
export function stepFailure(
	this: IExecuteFunctions,
	error: unknown,
	details: { flow: string; step: string; number: number; of: number; state: string; itemIndex: number },
): NodeApiError | NodeOperationError {
	const original = error as { message?: string; description?: string | null; httpCode?: string | null };
	const originalMessage = redactUrls(original?.message ?? String(error));
	const message = `${details.flow} failed at step ${details.number} of ${details.of} (${details.step}): ${originalMessage}`;
	const description = redactUrls([details.state, original?.description].filter(Boolean).join(' '));
	if (error instanceof NodeApiError) {
		return new NodeApiError(
			this.getNode(),
			{ message, step: details.step, state: details.state } as JsonObject,
			{
				message,
				description,
				httpCode: error.httpCode ?? undefined,
				itemIndex: details.itemIndex,
			},
		);
	}
	return new NodeOperationError(this.getNode(), message, { description, itemIndex: details.itemIndex });
}
