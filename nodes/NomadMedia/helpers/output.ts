import type { IDataObject } from 'n8n-workflow';

import { redactUrls } from '../../shared/errors';

/** Asset types (Nomad Media docs, "Asset Types"). */
export const ASSET_TYPES: Record<string, number> = { Folder: 1, File: 2, Bucket: 5 };

/** Asset statuses with their documented numbers (Nomad Media docs, "Asset Statuses"). */
export const ASSET_STATUSES: Record<string, number> = {
	Available: 1,
	Renaming: 2,
	Copying: 3,
	Restoring: 4,
	Registering: 5,
	Uploading: 6,
	Archiving: 7,
	Archived: 8,
	PendingArchive: 9,
	PendingRestore: 11,
	Restored: 12,
	Deleting: 13,
	Moving: 14,
	SlugReplaced: 15,
	Updating: 16,
	Error: 17,
	Assembling: 18,
	Clipping: 19,
	Placeholder: 20,
	Creating: 21,
	Replacing: 22,
};

const ENUM_FIELDS: Record<string, Record<string, number>> = {
	assetType: ASSET_TYPES,
	assetStatus: ASSET_STATUSES,
};

/** Name and number of an enum value the API sent either way. */
export function describeEnum(
	table: Record<string, number>,
	value: unknown,
): { name?: string; value?: number } {
	if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
		const number = Number(value);
		return { name: Object.keys(table).find((key) => table[key] === number), value: number };
	}
	if (typeof value === 'string') {
		const name = Object.keys(table).find((key) => key.toLowerCase() === value.toLowerCase());
		return { name: name ?? value, value: name ? table[name] : undefined };
	}
	return {};
}

/** Signed media URLs (CloudFront / S3 query signatures) lose their query: the output must not carry them. */
function isSignedUrl(text: string): boolean {
	return /^https?:\/\/[^?]+\?.*(Signature=|X-Amz-Signature=|sig=|Key-Pair-Id=|Policy=)/i.test(text);
}

/**
 * Prepares an API answer for n8n output: next to every `assetType` / `assetStatus` (names or
 * numbers) it adds `assetTypeName` + `assetTypeValue` / `assetStatusName` + `assetStatusValue`,
 * and strips the signature from signed URLs.
 */
export function toOutput<T>(data: T, depth = 0): T {
	if (depth > 12 || data === null || data === undefined) return data;
	if (typeof data === 'string') return (isSignedUrl(data) ? redactUrls(data) : data) as T;
	if (Array.isArray(data)) return data.map((entry) => toOutput(entry, depth + 1)) as T;
	if (typeof data !== 'object') return data;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(data as IDataObject)) {
		out[key] = toOutput(value, depth + 1);
		const table = ENUM_FIELDS[key];
		if (table && (typeof value === 'string' || typeof value === 'number')) {
			const described = describeEnum(table, value);
			out[`${key}Name`] = described.name ?? null;
			out[`${key}Value`] = described.value ?? null;
		}
	}
	return out as T;
}
