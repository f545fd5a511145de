import type { INodeProperties } from 'n8n-workflow';

export const UUID_REGEX =
	'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The asset resource locator: search list, URL (any MediaValet link holding the asset ID) or ID. */
export const assetLocator: INodeProperties = {
	displayName: 'Asset',
	name: 'assetId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The asset to act on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an asset...',
			typeOptions: { searchListMethod: 'searchAssets', searchable: true },
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://mylibrary.mediavalet.com/assets/3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b',
			extractValue: { type: 'regex', regex: `^https?://.*?(${UUID_REGEX})` },
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^https?://.*${UUID_REGEX}.*`,
						errorMessage: 'Not a MediaValet link containing an asset ID',
					},
				},
			],
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: '3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^\\s*${UUID_REGEX}\\s*$`,
						errorMessage: 'Not a valid MediaValet asset ID',
					},
				},
			],
		},
	],
};

export const binaryPropertyName = (description: string): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file',
	description,
});

export const outputBinaryPropertyName = (description: string): INodeProperties => ({
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
	description,
});

export const includeMediaUrlsOption: INodeProperties = {
	displayName: 'Include Signed Media URLs',
	name: 'includeMediaUrls',
	type: 'boolean',
	default: false,
	description:
		'Whether to keep the time-limited signed URLs MediaValet returns under "media" (thumbnail, previews, original). Anyone holding them can download the file until they expire.',
};

/** Tuning of the Azure Blob upload (check-in and new assets). */
export const uploadTuningOptions: INodeProperties[] = [
	{
		displayName: 'Block Size (MiB)',
		name: 'blockSizeMiB',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 64 },
		default: 8,
		description:
			'Size of each block sent to Azure Blob storage for files larger than 8 MiB. MediaValet accepts at most 64 MB per block.',
	},
	{
		displayName: 'Parallel Uploads',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 16 },
		default: 4,
		description: 'How many blocks are sent at the same time. Memory use is about this many blocks.',
	},
];
