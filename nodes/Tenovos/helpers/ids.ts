import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getId, UUID, type IdFormat } from '../../shared/ids';

/** Every Tenovos ID (asset object and file IDs, templates, vocabularies) is a UUID. */
export const TENOVOS_ID: IdFormat = {
	pattern: UUID.pattern,
	looksLike: `a Tenovos ID (${UUID.looksLike})`,
};

/** The same, unanchored, for the editor's locator regexes (n8n anchors them itself). */
export const TENOVOS_ID_REGEX =
	'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export function isTenovosId(value: unknown): value is string {
	return typeof value === 'string' && TENOVOS_ID.pattern.test(value);
}

/** A multiOptions value, also when an expression gave a comma-separated string. */
export function idList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return list.map((id) => String(id).trim()).filter((id) => id !== '');
}

/**
 * The template IDs of a multiOptions parameter (`path` may point into a collection), each checked
 * before any request: a list filled by an expression may hold anything, and Tenovos names its
 * templates by UUID. An empty list is left for Tenovos to judge.
 */
export function getIdList(
	this: IExecuteFunctions,
	path: string,
	itemIndex: number,
	label: string,
): string[] {
	const ids = idList(this.getNodeParameter(path, itemIndex, []));
	const bad = ids.find((id) => !isTenovosId(id));
	if (bad !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The "${label}" parameter holds "${bad}", which is not ${TENOVOS_ID.looksLike}`,
			{ itemIndex },
		);
	}
	return ids;
}

/** The "Asset" locator's value: an object ID (or a file ID), as getId reads it. */
export const ASSET_ID = { ...TENOVOS_ID, label: 'Asset' };

export const SECURITY_TEMPLATES = 'Security Template Names or IDs';

/**
 * The template parameters of item `i`, checked before any request: at the top level (Create,
 * where both are required), or inside the Options collection (Create Version: optional).
 */
export function getTemplateIds(
	this: IExecuteFunctions,
	i: number,
	collection?: 'options',
): { metadataTemplateId: string; securityTemplateIds: string[] } {
	const path = (name: string) => (collection ? `${collection}.${name}` : name);
	return {
		metadataTemplateId: getId.call(this, path('metadataTemplateId'), i, {
			...TENOVOS_ID,
			label: 'Metadata Template Name or ID',
			optional: collection !== undefined,
		}),
		securityTemplateIds: getIdList.call(this, path('securityTemplateIds'), i, SECURITY_TEMPLATES),
	};
}
