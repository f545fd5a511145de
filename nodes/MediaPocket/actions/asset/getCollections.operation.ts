import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assetLocator } from '../../helpers/descriptions';
import { getId, limitList, listOf } from '../../helpers/utils';
import { getLimit, returnAllOrLimit } from '../../../shared/pagination';
import { assetPath, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['asset'], operation: ['getCollections'] }),
	...returnAllOrLimit('asset', ['getCollections']),
];

/** The collections the asset belongs to, one item each. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const limit = getLimit.call(this, i);
	const response = await mediaPocketRequest.call(this, 'GET', assetPath(assetId, 'collections'), {
		itemIndex: i,
	});
	return limitList(listOf(response, 'collections'), limit);
}
