import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fetchAsset, locator } from '../common';
import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';

const show = { resource: ['asset'], operation: ['archive'] };

export const description: INodeProperties[] = [
	locator('asset', {
		displayName: 'Asset',
		name: 'assetId',
		description:
			'The file to move to archival storage. It cannot be streamed or downloaded until it is restored.',
		show,
	}),
];

/** POST /admin/asset/{id}/archive (needs file write permission), then the asset with its new status. */
export async function execute(this: IExecuteFunctions, i: number) {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	await nomadRequest.call(
		this,
		{ method: 'POST', url: `/admin/asset/${id}/archive` },
		{ itemIndex: i },
	);
	return await fetchAsset.call(this, id, i);
}
