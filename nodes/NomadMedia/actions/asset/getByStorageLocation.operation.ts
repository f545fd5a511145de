import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { toOutput } from '../../helpers/output';
import { nomadRequest } from '../../transport';
import { bucketNameProperty, objectKeyProperty, readStorageLocation } from './fields';

export const option = {
	name: 'Get by Storage Location',
	description: 'Get the asset of a bucket name and object key',
	action: 'Get an asset by storage location',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['getByStorageLocation'],
		},
	},
	[
		bucketNameProperty,
		{
			...objectKeyProperty,
			description: 'Key of the object (a folder with or without its trailing slash)',
		},
	],
);

/** GET /admin/asset?bucketName&objectKey: the asset summary, as Get answers it. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { bucketName, objectKey } = readStorageLocation.call(this, i);
	const asset = await nomadRequest.call(
		this,
		{ method: 'GET', url: '/admin/asset', qs: { bucketName, objectKey } },
		{ itemIndex: i },
	);
	return jsonItems(toOutput(asset));
}
