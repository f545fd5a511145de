import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assetLocator, metadataToReturnOption } from '../../helpers/descriptions';
import { getAssetId, getMetadataToReturn } from '../../helpers/utils';
import { getAsset } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator(['get']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['asset'], operation: ['get'] } },
		options: [metadataToReturnOption],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = getAssetId.call(this, i);
	return await getAsset.call(this, id, getMetadataToReturn.call(this, i), i);
}
