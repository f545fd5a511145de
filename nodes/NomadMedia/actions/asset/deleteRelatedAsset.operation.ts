import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';

export const option = {
	name: 'Delete Related Asset',
	description: 'Delete a related file of an asset (a subtitle, proxy, thumbnail or transcript)',
	action: 'Delete a related asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['deleteRelatedAsset'],
		},
	},
	[
		assetLocator('The asset the related file belongs to'),
		{
			displayName: 'Related Asset ID',
			name: 'relatedAssetId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
			description: 'ID of the related file (Get Detail lists them under relatedAssets)',
		},
	],
);

/** DELETE /admin/asset/{id}/related-asset/{relatedAssetId}; Nomad Media answers the deleted ID. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const relatedAssetId = getGuid.call(this, 'relatedAssetId', i, 'Related Asset ID');
	await nomadRequest.call(
		this,
		{ method: 'DELETE', url: `/admin/asset/${assetId}/related-asset/${relatedAssetId}` },
		{ itemIndex: i },
	);
	return jsonItems({ assetId, relatedAssetId, deleted: true });
}
