import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assetLocator } from '../../helpers/descriptions';
import { getId } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [assetLocator({ resource: ['asset'], operation: ['removeMedia'] })];

/**
 * Removes the asset's media and returns the asset. With no media to remove, Media Pocket answers
 * HTTP 200 with {"errors": {"error": "No media found on this asset.", "status": 400}}: an error here.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const response = await mediaPocketRequest.call(this, 'DELETE', assetPath(assetId, 'media'), { itemIndex: i });
	return (response.asset as IDataObject) ?? response;
}
