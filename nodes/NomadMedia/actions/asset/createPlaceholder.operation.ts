import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchCreated, locator } from '../common';
import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';

const show = { resource: ['asset'], operation: ['createPlaceholder'] };

export const description: INodeProperties[] = [
	locator('folder', {
		displayName: 'Parent Folder',
		name: 'parentId',
		description: 'Folder or bucket to create the placeholder in',
		show,
	}),
	{
		displayName: 'Asset Name',
		name: 'assetName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'episode-12.mp4',
		description:
			'Name of the file the placeholder stands for, with its extension. Upload onto it later with the Upload operation\'s "Replace Asset ID" option.',
		displayOptions: { show },
	},
];

/** POST /admin/asset/{parentId}/create-placeholder, then the placeholder (status Placeholder, 20). */
export async function execute(this: IExecuteFunctions, i: number) {
	const parentId = getGuid.call(this, 'parentId', i, 'Parent Folder');
	const assetName = (this.getNodeParameter('assetName', i) as string).trim();
	if (!assetName)
		throw new NodeOperationError(this.getNode(), '"Asset Name" is required', { itemIndex: i });
	const created = await nomadRequest.call(
		this,
		{ method: 'POST', url: `/admin/asset/${parentId}/create-placeholder`, body: { assetName } },
		{ itemIndex: i },
	);
	return await fetchCreated.call(this, created, i, 'placeholder');
}
