import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { assetPath, bodyErrors, mediaPocketRequest } from '../../transport';

export const option = {
	name: 'Remove Media',
	description: 'Remove the media files of the asset',
	action: 'Remove media from an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['removeMedia'],
		},
	},
	[assetLocator],
);

/**
 * Removes the asset's media and returns the asset with `removed`. With no media to remove, Media
 * Pocket answers HTTP 200 with the asset and {"errors": {"error": "No media found on this asset.",
 * "status": 400}}, a successful request in the seed: the asset comes back with removed: false and
 * the DAM's message.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getAssetId.call(this, i);
	const response = await mediaPocketRequest.call(this, 'DELETE', assetPath(assetId, 'media'), {
		itemIndex: i,
		errorsBesideAsset: true,
	});
	const asset = (response.asset as IDataObject | undefined) ?? { id: assetId };
	const notice = bodyErrors(response);
	return jsonItems(
		notice ? { ...asset, removed: false, message: notice.message } : { ...asset, removed: true },
	);
}
