import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locator } from '../common';
import { getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadRequest } from '../../transport';

const show = { resource: ['asset'], operation: ['getDetail'] };

export const description: INodeProperties[] = [
	locator('asset', {
		displayName: 'Asset',
		name: 'assetId',
		description: 'The asset to get the full detail of',
		show,
	}),
];

/** GET /admin/asset/{id}/detail: media properties, related assets, tags, collections, parents. */
export async function execute(this: IExecuteFunctions, i: number) {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	return toOutput(
		await nomadRequest.call(
			this,
			{ method: 'GET', url: `/admin/asset/${id}/detail` },
			{ itemIndex: i },
		),
	);
}
