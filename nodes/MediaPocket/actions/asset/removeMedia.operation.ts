import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assetLocator } from '../../helpers/descriptions';
import { getId } from '../../helpers/utils';
import { assetPath, bodyErrors, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['asset'], operation: ['removeMedia'] }),
];

/**
 * Removes the asset's media and returns the asset with `removed`. With no media to remove, Media
 * Pocket answers HTTP 200 with the asset and {"errors": {"error": "No media found on this asset.",
 * "status": 400}}, a successful request in the seed: the asset comes back with removed: false and
 * the DAM's message.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const response = await mediaPocketRequest.call(this, 'DELETE', assetPath(assetId, 'media'), {
		itemIndex: i,
		errorsBesideAsset: true,
	});
	const asset = (response.asset as IDataObject | undefined) ?? { id: assetId };
	const notice = bodyErrors(response);
	return notice
		? { ...asset, removed: false, message: notice.message }
		: { ...asset, removed: true };
}
