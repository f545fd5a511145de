import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { collectPages, getLimit } from '../../../shared/pagination';
import { assetLocator } from '../../helpers/descriptions';
import { fetchHistoryPage } from '../../helpers/history';
import { getAssetId } from '../../helpers/ids';

export const option = {
	name: 'Get Many',
	description: 'Get the history events of an asset',
	action: 'Get the history of an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['history'],
			operation: ['getAll'],
		},
	},
	[assetLocator, ...returnAllAndLimit()],
);

/** The asset's history events, following next_cursor page by page (in the order Media Pocket gives them). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getAssetId.call(this, i);
	const events = await collectPages<IDataObject, string>(
		async (cursor) => {
			const page = await fetchHistoryPage.call(this, assetId, cursor ?? '0', i);
			return { items: page.events, next: page.nextCursor ?? undefined };
		},
		getLimit.call(this, i),
	);
	return jsonItems(events.map((event) => ({ ...event, asset_id: assetId })));
}
