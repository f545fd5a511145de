import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { binaryOutputField } from '../../../shared/descriptions';
import { binaryItem } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { getAsset } from '../../transport';
import { downloadOriginal } from '../../transport/files';

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['download'] } },
	[assetLocator(), binaryOutputField()],
);

export const option = {
	name: 'Download',
	description: 'Download the original file of an asset',
	action: 'Download an asset',
};

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const hit = await getAsset.call(this, getAssetId.call(this, i), 'all', i);
	return binaryItem(hit, property, await downloadOriginal.call(this, hit, i));
}
