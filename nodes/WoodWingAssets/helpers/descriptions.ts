import type { INodeProperties } from 'n8n-workflow';

/** Matches the asset id in WoodWing file/preview/thumbnail URLs and in `id=` / `@id=` links. */
export const ASSET_URL_REGEX =
	'(?:/(?:file|preview|thumbnail|asset)/|[#?&/@]id[=:])([A-Za-z0-9_-]{8,64})';
export const ASSET_ID_REGEX = '^[A-Za-z0-9_-]{8,64}$';

/** The asset to act on: from a search list, by ID, or from a WoodWing URL. */
export function assetLocator(
	operations: string[],
	description = 'The asset to work on',
): INodeProperties {
	return {
		displayName: 'Asset',
		name: 'assetId',
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
				placeholder: 'Select an asset...',
				typeOptions: {
					searchListMethod: 'searchAssets',
					searchable: true,
					searchFilterRequired: false,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. FpERTjYia2X81GoYQi7btF',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: ASSET_ID_REGEX,
							errorMessage: 'Not a valid WoodWing Assets ID (letters, digits, - and _)',
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://acme.woodwing.cloud/file/FpERTjYia2X81GoYQi7btF/*/beach.jpg',
				extractValue: { type: 'regex', regex: ASSET_URL_REGEX },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^https?://.+${ASSET_URL_REGEX}.*$`,
							errorMessage:
								'Not a WoodWing Assets URL with an asset ID (e.g. a /file/<id>/... link)',
						},
					},
				],
			},
		],
	};
}

/** Metadata fields as name/value pairs. */
export function metadataFields(operations: string[], description: string): INodeProperties {
	return {
		displayName: 'Metadata',
		name: 'metadata',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Metadata Field',
		default: {},
		description,
		displayOptions: { show: { resource: ['asset'], operation: operations } },
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

export const metadataJsonOption: INodeProperties = {
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

export function inputBinaryField(operations: string[]): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to upload',
		displayOptions: { show: { resource: ['asset'], operation: operations } },
	};
}

export function outputBinaryField(show: Record<string, Array<string | boolean>>): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { resource: ['asset'], ...show } },
	};
}
