import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { idListProperty } from '../../helpers/descriptions';
import { getGuidList } from '../../helpers/ids';
import { nomadRequest } from '../../transport';

export const option = {
	name: 'Remove Items',
	description: 'Remove entries from the download queue',
	action: 'Remove download queue items',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['downloadQueue'],
			operation: ['remove'],
		},
	},
	[
		idListProperty({
			displayName: 'Queue Item IDs',
			name: 'queueItemIds',
			placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
			description:
				'IDs of the download queue entries to remove, separated by commas or new lines, or an array from an expression',
		}),
	],
);

/** DELETE /asset-queue with the entry IDs as the body (safe to repeat). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const ids = getGuidList.call(this, 'queueItemIds', i, 'Queue Item IDs');
	await nomadRequest.call(
		this,
		{ method: 'DELETE', url: '/asset-queue', body: ids },
		{ itemIndex: i },
	);
	return jsonItems({ removed: ids, count: ids.length });
}
