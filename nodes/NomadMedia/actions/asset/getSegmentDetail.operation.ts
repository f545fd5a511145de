import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assetLocator } from '../../helpers/descriptions';
import { segmentDetail, segmentIdProperty } from './segments';

export const option = {
	name: 'Get Segment Detail',
	description: 'Get the detail of a segment of a video (its labels and screenshots)',
	action: 'Get the detail of a segment',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['getSegmentDetail'],
		},
	},
	[assetLocator('The asset the segment is in'), segmentIdProperty],
);

/** GET /admin/asset/{id}/{segmentId}/detail. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return await segmentDetail.call(this, i, false);
}
