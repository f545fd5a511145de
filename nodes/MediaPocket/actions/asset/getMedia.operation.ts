import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assetLocator } from '../../helpers/descriptions';
import { getId, limitList, listOf } from '../../helpers/utils';
import { getLimit, returnAllOrLimit } from '../../../shared/pagination';
import { assetPath, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['asset'], operation: ['getMedia'] }),
	...returnAllOrLimit('asset', ['getMedia']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['asset'], operation: ['getMedia'] } },
		options: [
			{
				displayName: 'Include Locations',
				name: 'includeLocations',
				type: 'boolean',
				default: false,
				description: 'Whether to include where Media Pocket stores each file',
			},
		],
	},
];

/** The asset's media (files and previews), one item each. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const limit = getLimit.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const response = await mediaPocketRequest.call(this, 'GET', assetPath(assetId, 'media'), {
		qs: options.includeLocations ? { include_locations: 'true' } : undefined,
		itemIndex: i,
	});
	return limitList(listOf(response, 'media'), limit);
}
