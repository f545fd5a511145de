import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assetLocator, getAsset, getAssetId } from '../../helpers/utils';

export const description: INodeProperties[] = [
	assetLocator(['get'], 'The asset version to get (its object ID; a file ID works too)'),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await getAsset.call(this, getAssetId.call(this, i), i);
}
