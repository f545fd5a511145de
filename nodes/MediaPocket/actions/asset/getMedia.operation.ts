import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetList } from '../../helpers/operations';

export const option = {
	name: 'Get Media',
	description: 'List the media (files) of the asset',
	action: 'Get media of an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['getMedia'],
		},
	},
	[
		assetLocator,
		...returnAllAndLimit(),
		optionsCollection([
			{
				displayName: 'Include Locations',
				name: 'includeLocations',
				type: 'boolean',
				default: false,
				description: 'Whether to include where Media Pocket stores each file',
			},
		]),
	],
);

/** The asset's media (files and previews), one item each. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const qs = options.includeLocations ? { include_locations: 'true' } : undefined;
	return jsonItems(await getAssetList.call(this, i, 'media', { qs }));
}
