import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getLimit, returnAllOrLimit } from '../../../shared/pagination';
import { getAssetId } from '../../helpers/utils';
import { listOf, mvRequest } from '../../transport';
import { assetLocator } from '../common.descriptions';

const properties: INodeProperties[] = [assetLocator, ...returnAllOrLimit('comment', ['getAll'])];

export const description = updateDisplayOptions(
	{ show: { resource: ['comment'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const assetId = getAssetId.call(this, i);
	const limit = getLimit.call(this, i);
	// MediaValet returns an asset's comments in one list.
	const body = await mvRequest.call(
		this,
		{ method: 'GET', url: `/assets/${assetId}/comments` },
		{ itemIndex: i },
	);
	const comments = listOf(body, 'comments');
	return limit === undefined ? comments : comments.slice(0, limit);
}
