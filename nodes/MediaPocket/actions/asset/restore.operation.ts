import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assetLocator } from '../../helpers/descriptions';
import { getId } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['asset'], operation: ['restore'] }),
];

/** Refused (HTTP 400) for an asset that is not in the trash bin. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const response = await mediaPocketRequest.call(this, 'POST', assetPath(assetId, 'restore'), {
		itemIndex: i,
	});
	return { success: true, asset_id: assetId, message: response.ok ?? null };
}
