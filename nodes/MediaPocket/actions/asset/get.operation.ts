import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { recordOf } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const option = { name: 'Get', description: 'Get an asset', action: 'Get an asset' };

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['get'],
		},
	},
	[assetLocator],
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getAssetId.call(this, i);
	const body = await mediaPocketRequest.call(this, 'GET', assetPath(assetId), { itemIndex: i });
	return jsonItems(recordOf(body, 'asset'));
}
