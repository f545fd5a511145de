import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, resourceLocator } from '../../shared/descriptions';
import { ASSET_ID_REGEX, ASSET_URL_REGEX } from './ids';

/** The asset to act on: from a search list, by ID, or from a WoodWing URL. */
export function assetLocator(description = 'The asset to work on'): INodeProperties {
	return resourceLocator({
		displayName: 'Asset',
		name: 'assetId',
		description,
		modes: {
			list: {
				searchListMethod: 'searchAssets',
				placeholder: 'Select an asset...',
				searchFilterRequired: false,
			},
			url: {
				regex: `https?://.+${ASSET_URL_REGEX}.*`,
				extract: ASSET_URL_REGEX,
				placeholder: 'e.g. https://acme.woodwing.cloud/file/FpERTjYia2X81GoYQi7btF/*/beach.jpg',
				errorMessage: 'Not a WoodWing Assets URL with an asset ID (e.g. a /file/<id>/... link)',
			},
			id: {
				regex: ASSET_ID_REGEX,
				placeholder: 'e.g. FpERTjYia2X81GoYQi7btF',
				errorMessage: 'Not a valid WoodWing Assets ID (letters, digits, - and _)',
			},
		},
	});
}

/**
 * The folder to create an asset in (or, optional, the one a trigger watches): browsed from a list, or by path. Saved workflows call the
 * second mode "path", which the shared factory names "id": it is renamed here.
 */
export function folderLocator(
	description = 'Folder to create the asset in. WoodWing creates missing folders.',
	required = true,
): INodeProperties {
	const locator = resourceLocator({
		displayName: 'Folder',
		name: 'folderPath',
		description,
		required,
		modes: {
			list: {
				searchListMethod: 'searchFolders',
				placeholder: 'Select a folder...',
				searchFilterRequired: false,
			},
			id: {
				regex: '/.*',
				placeholder: 'e.g. /Demo Zone/Images',
				errorMessage: 'A folder path starts with /',
			},
		},
	});
	return {
		...locator,
		modes: locator.modes?.map((mode) =>
			mode.name === 'id' ? { ...mode, name: 'path', displayName: 'By Path' } : mode,
		),
	};
}

/** Metadata fields as name/value pairs. */
function metadataFields(description: string): INodeProperties {
	return {
		displayName: 'Metadata',
		name: 'metadata',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Metadata Field',
		default: {},
		description,
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. status',
						description:
							'Metadata field name as the server knows it, e.g. status, description, tags or a custom field',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'For multi-value fields such as tags, separate the values with commas',
					},
				],
			},
		],
	};
}

const metadataJsonOption: INodeProperties = {
	displayName: 'Metadata (JSON)',
	name: 'metadataJson',
	type: 'json',
	default: '{}',
	description:
		'Metadata as a JSON object, merged over the Metadata fields, e.g. {"status": "Production", "tags": ["beach", "sun"]}',
};

export const metadataToReturnOption: INodeProperties = {
	displayName: 'Metadata to Return',
	name: 'metadataToReturn',
	type: 'string',
	default: '',
	placeholder: 'e.g. filename,status,tags',
	description:
		'Comma-separated metadata fields to include in the output. Leave empty for all fields.',
};

/**
 * What every operation that writes metadata has: the Metadata pairs, and an Options collection
 * with Metadata (JSON), Metadata to Return and the operation's own `options`.
 */
export function metadataProperties(
	description: string,
	options: INodeProperties[] = [],
): INodeProperties[] {
	return [
		metadataFields(description),
		optionsCollection([...options, metadataJsonOption, metadataToReturnOption]),
	];
}
