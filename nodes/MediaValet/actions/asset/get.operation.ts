import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { getId } from '../../../shared/ids';
import { jsonItems, type OperationItems } from '../../../shared/items';
import { ASSET } from '../../helpers/ids';
import { assetOutput, getAsset } from '../../helpers/utils';
import { assetLocator, includeMediaUrlsOption } from '../common.descriptions';

const properties: INodeProperties[] = [
	assetLocator,
	optionsCollection([
		includeMediaUrlsOption,
		{
			displayName: 'Include Deleted',
			name: 'includeSoftDeleted',
			type: 'boolean',
			default: false,
			description: 'Whether to also find an asset that was deleted (moved to the recycle bin)',
		},
	]),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<OperationItems> {
	const assetId = getId.call(this, 'assetId', i, ASSET);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const qs = options.includeSoftDeleted ? { includeSoftDeleted: true } : undefined;
	const asset = await getAsset.call(this, assetId, i, qs);
	return jsonItems(assetOutput(asset, options.includeMediaUrls === true));
}

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['get'] } },
	properties,
);

export const option = {
	name: 'Get',
	description: 'Get an asset',
	action: 'Get an asset',
};
