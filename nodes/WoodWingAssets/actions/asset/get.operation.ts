import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { assetLocator, metadataToReturnOption } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { getMetadataToReturn } from '../../helpers/utils';
import { getAsset } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['get'] } },
	[assetLocator(), optionsCollection([metadataToReturnOption])],
);

export const option = {
	name: 'Get',
	description: 'Get an asset and its metadata',
	action: 'Get an asset',
};

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getAssetId.call(this, i);
	return jsonItems(await getAsset.call(this, id, getMetadataToReturn.call(this, i), i));
}
