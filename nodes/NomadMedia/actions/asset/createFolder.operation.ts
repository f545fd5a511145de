import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchCreated, locator } from '../common';
import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';

const show = { resource: ['asset'], operation: ['createFolder'] };

export const description: INodeProperties[] = [
	locator('folder', {
		displayName: 'Parent Folder',
		name: 'parentId',
		description: 'Folder or bucket to create the folder in',
		show,
	}),
	{
		displayName: 'Folder Name',
		name: 'folderName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Interviews',
		description: 'Name of the new folder',
		displayOptions: { show },
	},
];

/** POST /admin/asset/{parentId}/create-folder, then the new folder. */
export async function execute(this: IExecuteFunctions, i: number) {
	const parentId = getGuid.call(this, 'parentId', i, 'Parent Folder');
	const displayName = (this.getNodeParameter('folderName', i) as string).trim();
	if (!displayName)
		throw new NodeOperationError(this.getNode(), '"Folder Name" is required', { itemIndex: i });
	const created = await nomadRequest.call(
		this,
		{ method: 'POST', url: `/admin/asset/${parentId}/create-folder`, body: { displayName } },
		{ itemIndex: i },
	);
	return await fetchCreated.call(this, created, i, 'folder');
}
