import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getId } from '../../../shared/ids';
import { jsonItems } from '../../../shared/items';
import { ASSET_ID } from '../../helpers/ids';
import { getAsset } from '../../helpers/utils';
import { assetLocator, assetOperation } from './common';

export const description = assetOperation('get', [
	assetLocator('The asset version to get (its object ID; a file ID works too)'),
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getId.call(this, 'asset', i, ASSET_ID);
	return jsonItems(await getAsset.call(this, assetId, i));
}

/** Its entry in the Operation dropdown. */
export const option = {
	name: 'Get',
	description: 'Get an asset with its metadata',
	action: 'Get an asset',
};
