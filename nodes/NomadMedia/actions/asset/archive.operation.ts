import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { fetchAsset, nomadActOnce } from '../common';

export const option = {
	name: 'Archive',
	description: 'Move a file to archival storage',
	action: 'Archive an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['archive'],
		},
	},
	[
		assetLocator(
			'The file to move to archival storage. It cannot be streamed or downloaded until it is restored.',
		),
	],
);

/** POST /admin/asset/{id}/archive (needs file write permission), then the asset with its new status. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	await nomadActOnce.call(
		this,
		i,
		{ url: `/admin/asset/${id}/archive` },
		'started archiving the file (Get shows its status)',
	);
	return jsonItems(await fetchAsset.call(this, id, i));
}
