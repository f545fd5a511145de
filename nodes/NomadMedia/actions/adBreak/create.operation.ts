import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { readTimeCode, timeCodeProperty } from '../../helpers/timeCodes';
import { nomadActOnce } from '../common';
import { adBreakOutput, lookupNamesProperty, lookupsOf } from './fields';

export const option = {
	name: 'Create',
	description: 'Add an ad break (a cue point for ads) to a video',
	action: 'Create an ad break',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['adBreak'],
			operation: ['create'],
		},
	},
	[
		assetLocator('The video to add the ad break to'),
		timeCodeProperty({
			displayName: 'Time Code',
			name: 'timeCode',
			description: 'Where the ad break is in the video; 00:00:00 is a pre-roll',
			required: true,
		}),
		lookupNamesProperty('Tags'),
		lookupNamesProperty('Labels'),
	],
);

/** POST /admin/asset/{assetId}/adbreak (sent once): the new ad break as Nomad Media answered it. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const timeCode = readTimeCode.call(
		this,
		this.getNodeParameter('timeCode', i, ''),
		'Time Code',
		i,
	);
	if (!timeCode)
		throw new NodeOperationError(this.getNode(), 'The "Time Code" parameter is empty', {
			itemIndex: i,
		});
	const body: IDataObject = { timeCode };
	const tags = lookupsOf(this.getNodeParameter('tags', i, ''));
	const labels = lookupsOf(this.getNodeParameter('labels', i, ''));
	if (tags?.length) body.tags = tags;
	if (labels?.length) body.labels = labels;
	const created = await nomadActOnce.call(
		this,
		i,
		{ url: `/admin/asset/${assetId}/adbreak`, body },
		'added the ad break (Get Many lists it)',
	);
	return jsonItems(adBreakOutput(created, assetId));
}
