import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assetLocator } from '../../helpers/descriptions';
import { segmentDetail, segmentIdProperty } from './segments';

export const option = {
	name: 'Get Screenshot Detail',
	description: 'Get the detail of a screenshot taken in a segment of a video',
	action: 'Get the detail of a screenshot',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['getScreenshotDetail'],
		},
	},
	[
		assetLocator('The asset the screenshot was taken from'),
		segmentIdProperty,
		{
			displayName: 'Screenshot ID',
			name: 'screenshotId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '7ba85f64-5717-4562-b3fc-2c963f66afa7',
			description: 'ID of the screenshot (Get Segment Detail lists them under screenshots)',
		},
	],
);

/** GET /admin/asset/{id}/{segmentId}/{screenshotId}/detail. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return await segmentDetail.call(this, i, true);
}
