import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	optionsCollection,
	resourceLocator,
	uploadTuningOptions,
	type UploadTuning,
} from '../../shared/descriptions';
import { GUID_PATTERN } from './ids';
import { MAX_PART_BYTES, MiB } from './upload';

/**
 * A resource locator for a Nomad Media asset or folder: pick from a search (folders and buckets
 * only for a folder), paste a URL holding the ID, or give the ID.
 */
export function nomadLocator(
	kind: 'asset' | 'folder',
	spec: { displayName: string; name: string; description: string; required?: boolean },
): INodeProperties {
	return resourceLocator({
		...spec,
		modes: {
			list: {
				searchListMethod: kind === 'folder' ? 'searchFolders' : 'searchAssets',
				placeholder: kind === 'folder' ? 'Select a folder...' : 'Select an asset...',
			},
			url: {
				regex: `https?://.*${GUID_PATTERN}.*`,
				extract: `(${GUID_PATTERN})`,
				placeholder:
					'https://admin-app.example.nomad-cms.com/assets/3fa85f64-5717-4562-b3fc-2c963f66afa6',
				errorMessage: 'Not a URL that contains a Nomad Media ID',
			},
			id: {
				regex: `\\s*${GUID_PATTERN}\\s*`,
				placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
				errorMessage: 'Not a Nomad Media ID (GUID)',
			},
		},
	});
}

/** The Asset locator of the operations that work on one asset. */
export function assetLocator(description: string): INodeProperties {
	return nomadLocator('asset', { displayName: 'Asset', name: 'assetId', description });
}

/** The Parent Folder locator of the operations that create something in a folder. */
export function parentFolderLocator(description: string, required = true): INodeProperties {
	return nomadLocator('folder', {
		displayName: 'Parent Folder',
		name: 'parentId',
		description,
		required,
	});
}

/** A parameter holding several IDs: text separated by commas or new lines, or an array. */
export function idListProperty(spec: {
	displayName: string;
	name: string;
	description: string;
	placeholder?: string;
}): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'string',
		default: '',
		required: true,
		placeholder:
			spec.placeholder ??
			'3fa85f64-5717-4562-b3fc-2c963f66afa6, 7ba85f64-5717-4562-b3fc-2c963f66afa7',
		description: spec.description,
	};
}

/** Tuning of the presigned multipart upload (Upload and Upload Related File): names, defaults and ranges. */
export const UPLOAD_TUNING: UploadTuning = {
	partSize: {
		name: 'partSizeMiB',
		default: 8,
		min: 5,
		max: MAX_PART_BYTES / MiB,
		description:
			'Part size to ask Nomad Media for (5 to 256). Nomad Media decides the final size (at least 5 MiB, larger when a file would need more than 10,000 parts) and the upload follows its answer.',
	},
	concurrency: {
		name: 'concurrency',
		default: 4,
		min: 1,
		max: 16,
		description:
			'How many parts are sent to storage at the same time (1 to 16). Memory use is about this number times the part size (capped at 256 MiB).',
	},
};

/** Parallel Parts and Part Size (MiB), entries of the uploads' Options collection. */
export const uploadTuning: INodeProperties[] = uploadTuningOptions(UPLOAD_TUNING);

/** Nomad Media's UploadOverwriteOptions, as the option values name them. */
export const OVERWRITE_VALUES = ['Cancel', 'Continue', 'Replace', 'AssetReplace'];

const overwriteChoices = [
	{
		name: 'Continue Its Upload',
		value: 'Continue',
		description: 'Resume an unfinished upload of the same file',
	},
	{
		name: 'Fail',
		value: 'Cancel',
		description: 'Stop with an error when the folder already has a file of that name',
	},
	{
		name: 'Replace the Asset',
		value: 'AssetReplace',
		description: 'Replace the existing asset',
	},
	{
		name: 'Replace the File',
		value: 'Replace',
		description: 'Erase the existing file and upload this one',
	},
];

/**
 * "If the File Exists": version 1 replaced a file of the same name unless told otherwise (kept for
 * saved workflows); from version 2 the default is Fail, so nothing is overwritten by accident.
 */
export const overwriteOptions: INodeProperties[] = [
	{
		displayName: 'If the File Exists',
		name: 'uploadOverwriteOption',
		type: 'options',
		options: overwriteChoices,
		default: 'Replace',
		description: 'What Nomad Media does when the file is already there',
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'If the File Exists',
		name: 'uploadOverwriteOption',
		type: 'options',
		options: overwriteChoices,
		default: 'Cancel',
		description: 'What Nomad Media does when the file is already there',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	},
];

/** The "File Name" option of the uploads. */
export function fileNameOption(placeholder: string, description: string): INodeProperties {
	return {
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder,
		description,
	};
}

/** The asset types a search can be limited to. */
export const assetTypeOptions: INodePropertyOptions[] = [
	{ name: 'Bucket', value: 'Bucket' },
	{ name: 'File', value: 'File' },
	{ name: 'Folder', value: 'Folder' },
];

/** The Asset Type filter of Search and List Folder. */
export const assetTypeFilter: INodeProperties = {
	displayName: 'Asset Type',
	name: 'assetType',
	type: 'options',
	options: assetTypeOptions,
	default: 'File',
	description: 'Only assets of this type',
};

/** The sort options of Search and List Folder (their Options collection). */
export const sortOptions: INodeProperties[] = [
	{
		displayName: 'Sort By',
		name: 'sortField',
		type: 'options',
		options: [
			{ name: 'Created Date', value: 'createdDate' },
			{ name: 'Last Modified Date', value: 'lastModifiedDate' },
			{ name: 'Size', value: 'contentLength' },
			{ name: 'Title', value: 'title' },
		],
		default: 'title',
		description: 'Field to sort the results by',
	},
	{
		displayName: 'Descending',
		name: 'sortDescending',
		type: 'boolean',
		default: false,
		description: 'Whether to sort from the highest to the lowest value',
	},
];

/** A "Filters" collection (the shared Options collection under another name). */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		...optionsCollection(options, { displayName: 'Filters', name: 'filters' }),
		placeholder: 'Add filter',
	};
}
