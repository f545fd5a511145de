import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fetchAsset, locator } from '../common';
import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';

const show = { resource: ['asset'], operation: ['restore'] };

export const description: INodeProperties[] = [
	locator('asset', {
		displayName: 'Asset',
		name: 'assetId',
		description:
			'The archived file to restore. Restoring takes time; follow it with Get Job History or Get.',
		show,
	}),
];

/** POST /admin/asset/{id}/restore (needs file write permission), then the asset with its new status. */
export async function execute(this: IExecuteFunctions, i: number) {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	await nomadRequest.call(
		this,
		{ method: 'POST', url: `/admin/asset/${id}/restore` },
		{ itemIndex: i },
	);
	return await fetchAsset.call(this, id, i);
}
