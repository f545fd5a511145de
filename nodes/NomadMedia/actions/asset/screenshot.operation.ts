import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { readTimeCode, timeCodeProperty } from '../../helpers/timeCodes';
import { nomadActOnce } from '../common';

export const option = {
	name: 'Screenshot',
	description: 'Capture a still image of a video at a time code',
	action: 'Take a screenshot of a video',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['screenshot'],
		},
	},
	[
		assetLocator('The video to take the still from'),
		timeCodeProperty({
			displayName: 'Time Code',
			name: 'timeCode',
			description: 'Where in the video to take the still',
			required: true,
		}),
	],
);

/**
 * POST /admin/asset/{id}/screenshot with ScreenshotModel `{ timeCode }` (a time code string; the
 * seed's `timecodeMilliseconds` is not what the OpenAPI document declares). Sent once.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	const timeCode = readTimeCode.call(
		this,
		this.getNodeParameter('timeCode', i, ''),
		'Time Code',
		i,
	);
	if (timeCode === undefined)
		throw new NodeOperationError(this.getNode(), 'The "Time Code" parameter is empty', {
			itemIndex: i,
		});
	const answer = await nomadActOnce.call(
		this,
		i,
		{ url: `/admin/asset/${id}/screenshot`, body: { timeCode } },
		`took the screenshot at ${timeCode} (Get Detail lists it)`,
	);
	return jsonItems({ ...toOutput(answer), assetId: id, timeCode });
}
