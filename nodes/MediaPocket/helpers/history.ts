import type { IDataObject } from 'n8n-workflow';

import type { DamContext } from '../../shared/transport';
import { assetPath, mediaPocketRequest } from '../transport';

export interface HistoryPage {
	events: IDataObject[];
	/** null on the last page. */
	nextCursor: string | null;
}

/** One page of an asset's history. `cursor` is "0" for the first page, then the DAM's next_cursor. */
export async function fetchHistoryPage(
	this: DamContext,
	assetId: string,
	cursor: string,
	itemIndex?: number,
): Promise<HistoryPage> {
	const response = await mediaPocketRequest.call(
		this,
		'GET',
		assetPath(assetId, 'history', cursor),
		{ itemIndex },
	);
	const history = (response.history ?? {}) as IDataObject;
	const results = Array.isArray(history.results) ? (history.results as IDataObject[]) : [];
	const next = history.next_cursor;
	return {
		events: results,
		nextCursor: next === null || next === undefined || next === '' ? null : String(next),
	};
}
