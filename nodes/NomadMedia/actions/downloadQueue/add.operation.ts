import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { idListProperty } from '../../helpers/descriptions';
import { getGuidList } from '../../helpers/ids';
import { nomadActOnce } from '../common';

/** Nomad Media processes a queue request with more ids than this in the background. */
export const SYNC_LIMIT = 50;

export const option = {
	name: 'Add Assets',
	description: 'Add files, folders or collections to your download queue',
	action: 'Add assets to the download queue',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['downloadQueue'],
			operation: ['add'],
		},
	},
	[
		idListProperty({
			displayName: 'Asset IDs',
			name: 'assetIds',
			description:
				'IDs of files, folders or collections, separated by commas or new lines, or an array from an expression. Folders and collections add the files they contain.',
		}),
		{
			displayName: 'Download Proxy',
			name: 'downloadProxy',
			type: 'boolean',
			default: false,
			description: 'Whether to queue the lower-resolution proxy instead of the original',
		},
	],
);

/**
 * POST /asset-queue (sent once). Nomad Media expands folders and collections to their files,
 * skips files already Queued or Downloading, and handles more than 50 IDs as a background task:
 * the output says which of the two happened.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const ids = getGuidList.call(this, 'assetIds', i, 'Asset IDs');
	const downloadProxy = this.getNodeParameter('downloadProxy', i, false) as boolean;
	const answer = await nomadActOnce.call(
		this,
		i,
		{ url: '/asset-queue', body: { ids, downloadProxy } },
		'queued the files (they appear in your download queue)',
	);
	const background = ids.length > SYNC_LIMIT;
	return jsonItems({
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
	});
}
