import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { fetchAsset, nomadActOnce } from '../common';

export const option = {
	name: 'Restore',
	description: 'Restore an archived file',
	action: 'Restore an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['restore'],
		},
	},
	[
		assetLocator(
			'The archived file to restore. Restoring takes time; follow it with Get Job History or Get.',
		),
	],
);

/** POST /admin/asset/{id}/restore (needs file write permission), then the asset with its new status. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	await nomadActOnce.call(
		this,
		i,
		{ url: `/admin/asset/${id}/restore` },
		'started restoring the file (Get shows its status)',
	);
	return jsonItems(await fetchAsset.call(this, id, i));
}
