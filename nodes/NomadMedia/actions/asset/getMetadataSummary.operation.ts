import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { getLimit, limitList, listIn } from '../../../shared/pagination';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadRequest } from '../../transport';

export const option = {
	name: 'Get Metadata Summary',
	description:
		'Get the labels the AI of Nomad Media detected on an asset, with the segments they were seen in (for a folder: those of its files)',
	action: 'Get the metadata summary of an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['getMetadataSummary'],
		},
	},
	[assetLocator('The asset or folder whose detected labels to get'), ...returnAllAndLimit()],
);

/**
 * GET /admin/asset/{id}/metadata-summary: one item per label (name, confidence, count, segments
 * with their IDs for Get Segment Detail), in Nomad Media's order; a bare array or one in `items`.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const answer = (await nomadRequest.call(
		this,
		{ method: 'GET', url: `/admin/asset/${assetId}/metadata-summary` },
		{ itemIndex: i },
	)) as unknown;
	const labels = listIn(answer, 'items');
	return jsonItems(
		limitList(labels, getLimit.call(this, i)).map((label) => ({
			...toOutput(label),
			assetId,
		})),
	);
}
