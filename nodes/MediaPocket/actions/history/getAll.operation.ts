import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectPages, getLimit, returnAllOrLimit } from '../../../shared/pagination';
import { assetLocator } from '../../helpers/descriptions';
import { getId } from '../../helpers/utils';
import { fetchHistoryPage } from '../../helpers/history';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['history'], operation: ['getAll'] }),
	...returnAllOrLimit('history', ['getAll']),
];

/** The asset's history events, following next_cursor page by page (in the order Media Pocket gives them). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const events = await collectPages<IDataObject, string>(
		async (cursor) => {
			const page = await fetchHistoryPage.call(this, assetId, cursor ?? '0', i);
			return { items: page.events, next: page.nextCursor ?? undefined };
		},
		getLimit.call(this, i),
	);
	return events.map((event) => ({ ...event, asset_id: assetId }));
}
