import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadRequest } from '../../transport';

export const option = {
	name: 'Get Detail',
	description: 'Get the full detail of an asset',
	action: 'Get asset detail',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['getDetail'],
		},
	},
	[assetLocator('The asset to get the full detail of')],
);

/** GET /admin/asset/{id}/detail: media properties, related assets, tags, collections, parents. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	const detail = await nomadRequest.call(
		this,
		{ method: 'GET', url: `/admin/asset/${id}/detail` },
		{ itemIndex: i },
	);
	return jsonItems(toOutput(detail));
}
