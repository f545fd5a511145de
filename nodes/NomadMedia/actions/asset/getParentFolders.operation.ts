import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadRequest } from '../../transport';

export const option = {
	name: 'Get Parent Folders',
	description: 'Get the folders above an asset',
	action: 'Get the parent folders of an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['getParentFolders'],
		},
	},
	[
		assetLocator(
			'The file or folder whose ancestor folders to get (from the bucket down to its parent)',
		),
	],
);

/** GET /admin/asset/{id}/parent-folders: one item per ancestor folder, root first. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	const answer = (await nomadRequest.call(
		this,
		{ method: 'GET', url: `/admin/asset/${id}/parent-folders` },
		{ itemIndex: i },
	)) as { items?: IDataObject[] };
	return jsonItems((answer.items ?? []).map((folder, depth) => ({ ...toOutput(folder), depth })));
}
