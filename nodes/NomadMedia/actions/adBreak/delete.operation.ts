import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { nomadRequest } from '../../transport';
import { adBreakIdProperty, adBreakPath } from './fields';

export const option = {
	name: 'Delete',
	description: 'Delete an ad break',
	action: 'Delete an ad break',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['adBreak'],
			operation: ['delete'],
		},
	},
	[assetLocator('The video the ad break is on'), adBreakIdProperty],
);

/** DELETE /admin/asset/{assetId}/adbreak/{id}. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { assetId, adBreakId, path } = adBreakPath.call(this, i);
	await nomadRequest.call(this, { method: 'DELETE', url: path }, { itemIndex: i });
	return jsonItems({ id: adBreakId, assetId, deleted: true });
}
