import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fetchAsset, locator } from '../common';
import { getGuid } from '../../helpers/ids';

const show = { resource: ['asset'], operation: ['get'] };

export const description: INodeProperties[] = [
	locator('asset', {
		displayName: 'Asset',
		name: 'assetId',
		description: 'The asset to get',
		show,
	}),
];

/** GET /admin/asset/{id}: the asset summary (name, type, status, storage location). */
export async function execute(this: IExecuteFunctions, i: number) {
	return await fetchAsset.call(this, getGuid.call(this, 'assetId', i, 'Asset'), i);
}
