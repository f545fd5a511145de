import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGuidList } from '../../helpers/ids';
import { nomadRequest } from '../../transport';

const show = { resource: ['downloadQueue'], operation: ['remove'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Queue Item IDs',
		name: 'queueItemIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
		description:
			'IDs of the download queue entries to remove, separated by commas or new lines, or an array from an expression',
		displayOptions: { show },
	},
];

/** DELETE /asset-queue with the entry IDs as the body. */
export async function execute(this: IExecuteFunctions, i: number) {
	const ids = getGuidList.call(this, 'queueItemIds', i, 'Queue Item IDs');
	await nomadRequest.call(
		this,
		{ method: 'DELETE', url: '/asset-queue', body: ids },
		{ itemIndex: i },
	);
	return { removed: ids, count: ids.length };
}
