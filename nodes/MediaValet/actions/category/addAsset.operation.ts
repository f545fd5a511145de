import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { getId } from '../../../shared/ids';
import { jsonItems, type OperationItems } from '../../../shared/items';
import { ASSET } from '../../helpers/ids';
import { getCategoryIds } from '../../helpers/utils';
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

export async function execute(this: IExecuteFunctions, i: number): Promise<OperationItems> {
	const assetId = getId.call(this, 'assetId', i, ASSET);
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
	return jsonItems(
		payload && typeof payload === 'object' && !Array.isArray(payload)
			? payload
			: { assetId, categoryIds },
	);
}

export const description = updateDisplayOptions(
	{ show: { resource: ['category'], operation: ['addAsset'] } },
	properties,
);

export const option = {
	name: 'Add Asset',
	description: 'Add an asset to one or more categories',
	action: 'Add an asset to categories',
};
