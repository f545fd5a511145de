import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { getAssetId, getCategoryIds } from '../../helpers/utils';
import { mvRequest, payloadOf } from '../../transport';
import { assetLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	assetLocator,
	{
		displayName: 'Category Names or IDs',
		name: 'categoryIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCategories' },
		default: [],
		required: true,
		description:
			'Categories to add the asset to (it stays in its current ones). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['category'], operation: ['addAsset'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getAssetId.call(this, i);
	const categoryIds = getCategoryIds.call(this, i);
	if (categoryIds.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one category in "Categories"', {
			itemIndex: i,
		});
	}
	const body = await mvRequest.call(
		this,
		{ method: 'POST', url: `/assets/${assetId}/categories`, body: categoryIds },
		{ itemIndex: i },
	);
	const payload = payloadOf<IDataObject>(body);
	return payload && typeof payload === 'object' && !Array.isArray(payload)
		? payload
		: { assetId, categoryIds };
}
