import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getInteger } from '../../shared/parameters';
import { outcomeWasLost } from '../../shared/transport';
import type { AzureBlobUploadOptions } from '../../shared/upload/azureBlob';
import { MiB } from '../../shared/upload/parts';
import { field, isUuid, mvRequest, payloadOf } from '../transport';

/** MediaValet's own limit: no Azure block (segment) above 64 MB. */
export const MAX_BLOCK_MIB = 64;
/** Files up to this size go in one Put Blob; larger ones in blocks. */
export const SINGLE_PUT_LIMIT = 8 * MiB;
/** Blocks in flight at most: memory is about this many blocks. */
export const MAX_CONCURRENCY = 16;

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
	const bad = ids.find((id) => !isUuid(id));
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

export async function getAsset(
	this: IExecuteFunctions,
	assetId: string,
	i: number,
): Promise<IDataObject> {
	const body = await mvRequest.call(
		this,
		{ method: 'GET', url: `/assets/${assetId}` },
		{ itemIndex: i },
	);
	const asset = payloadOf<IDataObject>(body);
	if (!asset || typeof asset !== 'object') {
		throw new NodeOperationError(this.getNode(), `MediaValet returned no asset for ID ${assetId}`, {
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
	// Whole numbers checked at run time: an expression can give a word, 0 or 1e9, and a block above
	// MediaValet's segment limit would be refused by storage only after the upload began.
	const blockSizeMiB = getInteger.call(this, 'options.blockSizeMiB', i, {
		label: 'Block Size (MiB)',
		min: 1,
		max: MAX_BLOCK_MIB,
		fallback: 8,
		unit: 'MiB (MediaValet accepts no larger upload segment)',
	});
	const concurrency = getInteger.call(this, 'options.concurrency', i, {
		label: 'Parallel Uploads',
		min: 1,
		max: MAX_CONCURRENCY,
		fallback: 4,
	});
	return {
		blockSize: blockSizeMiB * MiB,
		maxBlockSize: MAX_BLOCK_MIB * MiB,
		singlePutLimit: SINGLE_PUT_LIMIT,
		concurrency,
	};
}

/** MediaValet refuses these in file names (Windows-style rules, as the portal does). */
const INVALID_FILE_NAME = /[\\/:*?"<>|\u0000-\u001f]/;

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
 * Sends a request that acts on MediaValet and must not be repeated (the caller sends it with
 * `commit: true`). `onLost` hears of a failure whose outcome is unknown (MediaValet may have acted,
 * its answer was lost) so the caller can say what MediaValet may hold now; the transport's error
 * then goes on unchanged.
 */
export async function sendOnce<T>(
	request: () => Promise<T>,
	onLost: (error: { description?: string | null }) => void,
): Promise<T> {
	return await request().catch((error: unknown) => {
		if (outcomeWasLost(error)) onLost(error as { description?: string | null });
		throw error;
	});
}
