import type { INodeProperties } from 'n8n-workflow';

import {
	optionsCollection,
	resourceLocator,
	uploadTuningOptions,
	type UploadTuning,
} from '../../shared/descriptions';
import { UUID_SOURCE } from '../helpers/ids';

/** The asset resource locator: search list, URL (any MediaValet link holding the asset ID) or ID. */
export const assetLocator: INodeProperties = resourceLocator({
	displayName: 'Asset',
	name: 'assetId',
	description: 'The asset to act on',
	modes: {
		list: { searchListMethod: 'searchAssets', placeholder: 'Select an asset...' },
		url: {
			regex: `https?://.*${UUID_SOURCE}.*`,
			extract: `^https?://.*?(${UUID_SOURCE})`,
			placeholder: 'https://mylibrary.mediavalet.com/assets/3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b',
			errorMessage: 'Not a MediaValet link containing an asset ID',
		},
		id: {
			regex: `\\s*${UUID_SOURCE}\\s*`,
			placeholder: '3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b',
			errorMessage: 'Not a valid MediaValet asset ID',
		},
	},
});

export const includeMediaUrlsOption: INodeProperties = {
	displayName: 'Include Signed Media URLs',
	name: 'includeMediaUrls',
	type: 'boolean',
	default: false,
	description:
		'Whether to keep the time-limited signed URLs MediaValet returns under "media" (thumbnail, previews, original). Anyone holding them can download the file until they expire.',
};

/** MediaValet's own limit: no Azure block (upload segment) above 64 MB. */
export const MAX_BLOCK_MIB = 64;

/** Tuning of the Azure Blob upload (check-in and new assets): names, defaults and ranges. */
export const UPLOAD_TUNING: UploadTuning = {
	partSize: {
		name: 'blockSizeMiB',
		default: 8,
		min: 1,
		max: MAX_BLOCK_MIB,
		description:
			'Size of each block sent to Azure Blob storage for files larger than 8 MiB. MediaValet accepts at most 64 MB per block.',
	},
	concurrency: {
		name: 'concurrency',
		default: 4,
		min: 1,
		max: 16,
		description: 'How many blocks are sent at the same time. Memory use is about this many blocks.',
	},
};

/** The Options of check-in and upload: the upload tuning and the signed URLs of the result. */
export const uploadOptions: INodeProperties = optionsCollection([
	...uploadTuningOptions(UPLOAD_TUNING),
	includeMediaUrlsOption,
]);
