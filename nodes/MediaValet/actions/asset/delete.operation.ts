import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getAssetId } from '../../helpers/utils';
import { mvRequest } from '../../transport';
import { assetLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	assetLocator,
	{
		displayName: 'Delete Permanently',
		name: 'permanent',
		type: 'boolean',
		default: false,
		description: 'Whether to delete the asset for good instead of moving it to the recycle bin',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getAssetId.call(this, i);
	const permanent = this.getNodeParameter('permanent', i, false) as boolean;
	await mvRequest.call(
		this,
		{ method: 'DELETE', url: `/assets/${assetId}`, qs: { isHardDelete: permanent } },
		{ itemIndex: i },
	);
	return { id: assetId, deleted: true, permanent };
}
