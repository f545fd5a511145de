import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { tenovosRequest } from '../transport';

/** Tenovos hands out presigned part URLs for "100MB" parts; the part size cannot be changed. */
export const TENOVOS_PART_SIZE = 100 * 1024 * 1024;
/** "100MB" read as decimal megabytes: the other size the part URLs may stand for. */
export const TENOVOS_DECIMAL_PART_SIZE = 100_000_000;
/** The largest content file Tenovos accepts: 5 GB (5 GiB, the S3 single-object limit behind it). */
export const TENOVOS_MAX_FILE_SIZE = 5 * 1024 * 1024 * 1024;
/** Keyword search pages hold at most this many assets (v1.5 allows 50 per page). */
export const SEARCH_PAGE_SIZE = 50;
/** Keyword search serves from + limit up to 10,000 results. */
export const SEARCH_WINDOW = 10_000;

export const UUID_PATTERN =
	'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const UUID = new RegExp(`^${UUID_PATTERN}$`);

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

export function isTenovosId(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

/**
 * A Tenovos ID as a path segment. Checked at run time: an ID from an expression or from a DAM
 * answer such as ".." would change the request's target (URLs resolve dot segments).
 */
export function idSegment(
	this: { getNode: IExecuteFunctions['getNode'] },
	id: unknown,
	what: string,
	itemIndex?: number,
): string {
	if (!isTenovosId(id)) {
		throw new NodeOperationError(
			this.getNode(),
			`The ${what} "${String(id)}" is not a Tenovos ID (a UUID)`,
			{ itemIndex },
		);
	}
	return encodeURIComponent(id);
}

/**
 * The IDs of a template parameter, checked before any request: Tenovos identifies templates by
 * UUID, and a parameter filled by an expression may hold anything.
 */
export function assertTemplateIds(
	this: IExecuteFunctions,
	ids: string[],
	parameter: string,
	itemIndex: number,
): void {
	const bad = ids.find((id) => !isTenovosId(id));
	if (bad !== undefined) {
		const what = bad === '' ? 'is empty' : `holds "${bad}", which is not a Tenovos ID (a UUID)`;
		throw new NodeOperationError(this.getNode(), `The "${parameter}" parameter ${what}`, {
			itemIndex,
			description: 'Choose from the list, or give the template ID (a UUID) in the expression',
		});
	}
}

/** The asset chosen in the "Asset" resource locator (an object ID or file ID, both UUIDs). */
export function getAssetId(this: IExecuteFunctions, i: number): string {
	const value = String(this.getNodeParameter('asset', i, '', { extractValue: true }) ?? '').trim();
	if (!UUID.test(value)) {
		throw new NodeOperationError(
			this.getNode(),
			`The asset ID "${value}" is not a Tenovos ID (a UUID)`,
			{
				itemIndex: i,
				description: 'Choose the asset from the list, or give its object ID or a link to it',
			},
		);
	}
	return value;
}

export async function getAsset(
	this: IExecuteFunctions,
	id: string,
	i: number,
): Promise<IDataObject> {
	return await tenovosRequest.call(
		this,
		'GET',
		`/asset/${idSegment.call(this, id, 'asset ID', i)}`,
		undefined,
		{ itemIndex: i },
	);
}

/** The "Asset" resource locator: pick from a filename search, paste a link, or give the object ID. */
export function assetLocator(operations: string[], description: string): INodeProperties {
	return {
		displayName: 'Asset',
		name: 'asset',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show: { resource: ['asset'], operation: operations } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchAssets', searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://acme.tenovos.io/asset/e55bdb0c-022b-475d-9e26-9d74552e1e81',
				extractValue: { type: 'regex', regex: `^https?://.*(${UUID_PATTERN})` },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^https?://.*${UUID_PATTERN}.*$`,
							errorMessage: 'Not a link to a Tenovos asset (it must contain the asset ID)',
						},
					},
				],
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e55bdb0c-022b-475d-9e26-9d74552e1e81',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^\\s*${UUID_PATTERN}\\s*$`,
							errorMessage: 'Not a Tenovos ID (a UUID)',
						},
					},
				],
			},
		],
	};
}
