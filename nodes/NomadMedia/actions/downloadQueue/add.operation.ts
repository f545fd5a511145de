import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGuidList } from '../../helpers/ids';
import { nomadRequest } from '../../transport';

const show = { resource: ['downloadQueue'], operation: ['add'] };

/** Nomad Media processes a queue request with more ids than this in the background. */
export const SYNC_LIMIT = 50;

export const description: INodeProperties[] = [
	{
		displayName: 'Asset IDs',
		name: 'assetIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6, 7ba85f64-5717-4562-b3fc-2c963f66afa7',
		description:
			'IDs of files, folders or collections, separated by commas or new lines, or an array from an expression. Folders and collections add the files they contain.',
		displayOptions: { show },
	},
	{
		displayName: 'Download Proxy',
		name: 'downloadProxy',
		type: 'boolean',
		default: false,
		description: 'Whether to queue the lower-resolution proxy instead of the original',
		displayOptions: { show },
	},
];

/**
 * POST /asset-queue. Nomad Media expands folders and collections to their files, skips files
 * already Queued or Downloading, and handles more than 50 IDs as a background task: the output
 * says which of the two happened.
 */
export async function execute(this: IExecuteFunctions, i: number) {
	const ids = getGuidList.call(this, 'assetIds', i, 'Asset IDs');
	const downloadProxy = this.getNodeParameter('downloadProxy', i, false) as boolean;
	const answer = await nomadRequest.call(
		this,
		{ method: 'POST', url: '/asset-queue', body: { ids, downloadProxy } },
		{ itemIndex: i },
	);
	const background = ids.length > SYNC_LIMIT;
	return {
		ids,
		idCount: ids.length,
		downloadProxy,
		processing: background ? 'background' : 'synchronous',
		completed: !background,
		message: background
			? `${ids.length} IDs are more than ${SYNC_LIMIT}: Nomad Media queues them in a background task, so the files appear in the download queue shortly after this step`
			: 'Nomad Media added the files to the download queue before answering (files already queued or downloading were skipped)',
		...(answer && typeof answer === 'object' && Object.keys(answer).length
			? { response: answer }
			: {}),
	};
}
