import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { parentFolderLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { fetchCreated, nomadActOnce } from '../common';

export const option = {
	name: 'Create Placeholder',
	description: 'Reserve an asset for a file uploaded later',
	action: 'Create a placeholder',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['createPlaceholder'],
		},
	},
	[
		parentFolderLocator('Folder or bucket to create the placeholder in'),
		{
			displayName: 'Asset Name',
			name: 'assetName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'episode-12.mp4',
			description:
				'Name of the file the placeholder stands for, with its extension. Upload onto it later with the Upload operation\'s "Replace Asset ID" option.',
		},
	],
);

/** POST /admin/asset/{parentId}/create-placeholder (sent once), then the placeholder (status Placeholder, 20). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const parentId = getGuid.call(this, 'parentId', i, 'Parent Folder');
	const assetName = (this.getNodeParameter('assetName', i) as string).trim();
	if (!assetName)
		throw new NodeOperationError(this.getNode(), '"Asset Name" is required', { itemIndex: i });
	const created = await nomadActOnce.call(
		this,
		i,
		{ url: `/admin/asset/${parentId}/create-placeholder`, body: { assetName } },
		`created the placeholder "${assetName}" (List Folder on the parent shows it)`,
	);
	return jsonItems(await fetchCreated.call(this, created, i, 'placeholder'));
}
