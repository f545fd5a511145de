import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getId } from '../../../shared/ids';
import { jsonItems, type OperationItems } from '../../../shared/items';
import { ASSET } from '../../helpers/ids';
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

export async function execute(this: IExecuteFunctions, i: number): Promise<OperationItems> {
	const assetId = getId.call(this, 'assetId', i, ASSET);
	const permanent = this.getNodeParameter('permanent', i, false) as boolean;
	await mvRequest.call(
		this,
		{ method: 'DELETE', url: `/assets/${assetId}`, qs: { isHardDelete: permanent } },
		{ itemIndex: i },
	);
	return jsonItems({ id: assetId, deleted: true, permanent });
}

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['delete'] } },
	properties,
);

export const option = {
	name: 'Delete',
	description: 'Delete an asset',
	action: 'Delete an asset',
};
