import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locator } from '../common';
import { getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadRequest } from '../../transport';

const show = { resource: ['asset'], operation: ['getParentFolders'] };

export const description: INodeProperties[] = [
	locator('asset', {
		displayName: 'Asset',
		name: 'assetId',
		description:
			'The file or folder whose ancestor folders to get (from the bucket down to its parent)',
		show,
	}),
];

/** GET /admin/asset/{id}/parent-folders: one item per ancestor folder, root first. */
export async function execute(this: IExecuteFunctions, i: number) {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	const answer = (await nomadRequest.call(
		this,
		{ method: 'GET', url: `/admin/asset/${id}/parent-folders` },
		{ itemIndex: i },
	)) as {
		items?: IDataObject[];
	};
	return (answer.items ?? []).map((folder, depth) => ({ ...toOutput(folder), depth }));
}
