import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MiB } from '../../shared/upload/parts';
import { tenovosRequest } from '../transport';

/** Tenovos hands out presigned part URLs for "100MB" parts; the part size cannot be changed. */
export const TENOVOS_PART_SIZE = 100 * MiB;
/** "100MB" read as decimal megabytes: the other size the part URLs may stand for. */
export const TENOVOS_DECIMAL_PART_SIZE = 100_000_000;
/** The largest content file Tenovos accepts: 5 GB (5 GiB, the S3 single-object limit behind it). */
export const TENOVOS_MAX_FILE_SIZE = 5 * 1024 * MiB;
/** Keyword search pages hold at most this many assets (v1.5 allows 50 per page). */
export const SEARCH_PAGE_SIZE = 50;
/** Keyword search serves from + limit up to 10,000 results. */
export const SEARCH_WINDOW = 10_000;

/** Why a file of `size` bytes cannot be uploaded to Tenovos, or undefined when it can. */
export function uploadSizeProblem(size: number, propertyName: string): string | undefined {
	if (!Number.isFinite(size) || size < 0) {
		return `The size of the file in binary property "${propertyName}" is unknown`;
	}
	if (size > TENOVOS_MAX_FILE_SIZE) {
		return `The file in binary property "${propertyName}" is ${size} bytes; Tenovos accepts files up to 5 GB (${TENOVOS_MAX_FILE_SIZE} bytes)`;
	}
	return undefined;
}

/** How many parts of `partSize` a file of `size` bytes takes (at least one). */
export function partsNeeded(size: number, partSize: number): number {
	return Math.max(1, Math.ceil(size / partSize));
}

/**
 * The part size that the number of presigned part URLs Tenovos returned stands for: "100MB"
 * may be 100 MiB or 10^8 bytes, and only one of them may give exactly that many parts (100 MiB
 * wins when both do). A string says why neither does.
 */
export function partSizeFor(size: number, urlCount: number): number | string {
	const candidates = [TENOVOS_PART_SIZE, TENOVOS_DECIMAL_PART_SIZE];
	const match = candidates.find((partSize) => partsNeeded(size, partSize) === urlCount);
	if (match !== undefined) return match;
	return (
		`Tenovos returned ${urlCount} part upload URL(s) for a file of ${size} bytes, but 100 MiB parts ` +
		`(${TENOVOS_PART_SIZE} bytes) would make ${partsNeeded(size, TENOVOS_PART_SIZE)} and 100 MB parts ` +
		`(${TENOVOS_DECIMAL_PART_SIZE} bytes) ${partsNeeded(size, TENOVOS_DECIMAL_PART_SIZE)}: the part size is unknown, so nothing was uploaded`
	);
}

/** Text inside the double quotes of a search filter: the backslash escaped first, then the quote. */
export function quoted(text: string): string {
	return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** One search filter, `("Field Name":"value")`, whatever quotes or backslashes the name and value hold. */
export function filterString(attribute: string, value: string): string {
	return `(${quoted(attribute)}:${quoted(value)})`;
}

/** An asset version by its object ID or file ID, already checked to be a Tenovos ID. */
export async function getAsset(
	this: IExecuteFunctions,
	id: string,
	i: number,
): Promise<IDataObject> {
	return await tenovosRequest.call(this, 'GET', `/asset/${id}`, undefined, { itemIndex: i });
}

/** A string parameter, trimmed. */
export function getString(this: IExecuteFunctions, name: string, i: number, fallback = ''): string {
	return String(this.getNodeParameter(name, i, fallback) ?? '').trim();
}
