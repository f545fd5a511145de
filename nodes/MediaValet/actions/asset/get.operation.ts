import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { assetOutput, getAssetId } from '../../helpers/utils';
import { mvRequest, payloadOf } from '../../transport';
import { assetLocator, includeMediaUrlsOption } from '../common.descriptions';

const properties: INodeProperties[] = [
	assetLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			includeMediaUrlsOption,
			{
				displayName: 'Include Deleted',
				name: 'includeSoftDeleted',
				type: 'boolean',
				default: false,
				description: 'Whether to also find an asset that was deleted (moved to the recycle bin)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getAssetId.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const body = await mvRequest.call(
		this,
		{
			method: 'GET',
			url: `/assets/${assetId}`,
			qs: options.includeSoftDeleted ? { includeSoftDeleted: true } : undefined,
		},
		{ itemIndex: i },
	);
	const asset = payloadOf<IDataObject>(body);
	if (!asset || typeof asset !== 'object' || Array.isArray(asset)) {
		// MediaValet sometimes answers "not found" with 204 and no body.
		throw new NodeOperationError(this.getNode(), `MediaValet found no asset with ID ${assetId}`, {
			itemIndex: i,
		});
	}
	return assetOutput(asset, options.includeMediaUrls === true);
}
