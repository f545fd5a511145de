import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkDamId, getId, type IdFormat } from '../../shared/ids';

/**
 * Every Nomad Media ID (assets, folders, uploads, parts, queue entries, languages, related-asset
 * types, collections) is a GUID. Unanchored here, for the editor's locator regexes (n8n anchors them).
 */
export const GUID_PATTERN =
	'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const NOMAD_ID: IdFormat = {
	pattern: new RegExp(`^${GUID_PATTERN}$`),
	looksLike: 'a Nomad Media ID (a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6)',
};

export function isGuid(value: string): boolean {
	return NOMAD_ID.pattern.test(value);
}

/** A GUID parameter (plain string or resource locator), checked before it goes into a URL path. */
export function getGuid(this: IExecuteFunctions, name: string, i: number, label: string): string {
	return getId.call(this, name, i, { ...NOMAD_ID, label }).toLowerCase();
}

/**
 * An optional GUID parameter: undefined when empty. The raw value is looked at first: an empty
 * locator in URL mode has nothing for its extraction pattern to match, which n8n reports as an error.
 */
export function getOptionalGuid(
	this: IExecuteFunctions,
	name: string,
	i: number,
	label: string,
): string | undefined {
	const raw = this.getNodeParameter(name, i, '') as unknown;
	const value =
		raw && typeof raw === 'object' && '__rl' in raw ? (raw as { value?: unknown }).value : raw;
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	return getGuid.call(this, name, i, label);
}

/**
 * A list of GUIDs from a parameter holding an array (from an expression) or text separated by
 * commas, semicolons, spaces or new lines. Duplicates are dropped, order is kept.
 */
export function getGuidList(
	this: IExecuteFunctions,
	name: string,
	i: number,
	label: string,
): string[] {
	const raw = this.getNodeParameter(name, i, '') as unknown;
	const parts = (Array.isArray(raw) ? raw.flat() : String(raw ?? '').split(/[\s,;]+/))
		.map((entry) =>
			entry && typeof entry === 'object' && 'id' in entry
				? String((entry as { id: unknown }).id)
				: String(entry ?? ''),
		)
		.map((entry) => entry.trim())
		.filter(Boolean);
	if (!parts.length)
		throw new NodeOperationError(this.getNode(), `"${label}" needs at least one ID`, {
			itemIndex: i,
		});
	const invalid = parts.filter((entry) => !isGuid(entry));
	if (invalid.length) {
		throw new NodeOperationError(
			this.getNode(),
			`"${label}" contains ${invalid.length === 1 ? 'a value that is not' : 'values that are not'} a Nomad Media ID: ${invalid.slice(0, 5).join(', ')}`,
			{ itemIndex: i, description: 'IDs are GUIDs such as 3fa85f64-5717-4562-b3fc-2c963f66afa6' },
		);
	}
	return [...new Set(parts.map((entry) => entry.toLowerCase()))];
}

/**
 * An ID from one of Nomad Media's answers (checkDamId), checked before it goes into a request
 * path: a server that answers `../x` or nothing must not change which route the next call reaches.
 * `what` names it in the error: "the ID of the new folder".
 */
export function answeredGuid(
	this: Pick<IExecuteFunctions, 'getNode'>,
	value: unknown,
	what: string,
	i: number,
): string {
	const text = typeof value === 'string' ? value.trim() : value;
	return checkDamId.call(this, text, what, NOMAD_ID, i).toLowerCase();
}
