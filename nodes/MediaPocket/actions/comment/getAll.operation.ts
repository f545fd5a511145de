import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLimit, returnAllOrLimit } from '../../../shared/pagination';
import { assetLocator } from '../../helpers/descriptions';
import { getId, limitList, listOf } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['comment'], operation: ['getAll'] }),
	...returnAllOrLimit('comment', ['getAll']),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const limit = getLimit.call(this, i);
	const response = await mediaPocketRequest.call(this, 'GET', assetPath(assetId, 'comments'), {
		itemIndex: i,
	});
	return limitList(listOf(response, 'comments'), limit);
}
