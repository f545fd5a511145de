import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { fetchAsset } from '../common';

export const option = { name: 'Get', description: 'Get an asset', action: 'Get an asset' };

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['get'],
		},
	},
	[assetLocator('The asset to get')],
);

/** GET /admin/asset/{id}: the asset summary (name, type, status, storage location). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return jsonItems(await fetchAsset.call(this, getGuid.call(this, 'assetId', i, 'Asset'), i));
}
