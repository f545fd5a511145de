import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const GUID_PATTERN =
	'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const GUID = new RegExp(`^${GUID_PATTERN}$`);

export function isGuid(value: string): boolean {
	return GUID.test(value);
}

/** A GUID parameter (plain string or resource locator), checked before it goes into a URL path. */
export function getGuid(this: IExecuteFunctions, name: string, i: number, label: string): string {
	const raw = this.getNodeParameter(name, i, '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!value)
		throw new NodeOperationError(this.getNode(), `"${label}" is required`, { itemIndex: i });
	if (!isGuid(value)) {
		throw new NodeOperationError(
			this.getNode(),
			`"${label}" must be a Nomad Media ID (a GUID), got "${value}"`,
			{
				itemIndex: i,
				description: 'IDs look like 3fa85f64-5717-4562-b3fc-2c963f66afa6',
			},
		);
	}
	return value.toLowerCase();
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
 * An ID from one of Nomad Media's answers, checked before it goes into a request path: a server
 * that answers `../x` or nothing must not change which route the next call reaches.
 */
export function answeredGuid(
	this: Pick<IExecuteFunctions, 'getNode'>,
	value: unknown,
	what: string,
	i: number,
): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!isGuid(text)) {
		throw new NodeOperationError(
			this.getNode(),
			`Nomad Media answered without a valid ${what} (${text ? `got "${text.slice(0, 60)}"` : 'none given'})`,
			{ itemIndex: i, description: 'Nomad Media IDs are GUIDs; nothing was sent with this value.' },
		);
	}
	return text.toLowerCase();
}
