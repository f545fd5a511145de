import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { getAssetId } from '../../helpers/utils';
import { isUuid, mvRequest, payloadOf } from '../../transport';
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

export const description = updateDisplayOptions({ show: { resource: ['category'], operation: ['addAsset'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getAssetId.call(this, i);
	const raw = this.getNodeParameter('categoryIds', i, []) as string[] | string;
	const categoryIds = (Array.isArray(raw) ? raw : String(raw).split(',')).map((id) => String(id).trim()).filter(Boolean);
	if (categoryIds.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one category in "Categories"', { itemIndex: i });
	}
	const bad = categoryIds.find((id) => !isUuid(id));
	if (bad !== undefined) {
		throw new NodeOperationError(this.getNode(), `"${bad}" in "Categories" is not a MediaValet category ID`, { itemIndex: i });
	}
	const body = await mvRequest.call(
		this,
		{ method: 'POST', url: `/assets/${assetId}/categories`, body: categoryIds },
		{ itemIndex: i },
	);
	const payload = payloadOf<IDataObject>(body);
	return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : { assetId, categoryIds };
}
