import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { parentFolderLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { fetchCreated, nomadActOnce } from '../common';

export const option = {
	name: 'Create Folder',
	description: 'Create a folder',
	action: 'Create a folder',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['createFolder'],
		},
	},
	[
		parentFolderLocator('Folder or bucket to create the folder in'),
		{
			displayName: 'Folder Name',
			name: 'folderName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Interviews',
			description: 'Name of the new folder',
		},
	],
);

/** POST /admin/asset/{parentId}/create-folder (sent once), then the new folder. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const parentId = getGuid.call(this, 'parentId', i, 'Parent Folder');
	const displayName = (this.getNodeParameter('folderName', i) as string).trim();
	if (!displayName)
		throw new NodeOperationError(this.getNode(), '"Folder Name" is required', { itemIndex: i });
	const created = await nomadActOnce.call(
		this,
		i,
		{ url: `/admin/asset/${parentId}/create-folder`, body: { displayName } },
		`created the folder "${displayName}" (List Folder on the parent shows it)`,
	);
	return jsonItems(await fetchCreated.call(this, created, i, 'folder'));
}
