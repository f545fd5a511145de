import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { SEARCH_PAGE_SIZE, SEARCH_WINDOW } from '../helpers/utils';
import { tenovosRequest } from '../transport';

/** Assets by file name for the "Asset" locator, most recently updated first, a page at a time. */
export async function searchAssets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const from = Math.max(0, Number(paginationToken) || 0);
	const term = (filter ?? '').trim();
	const response = await tenovosRequest.call(
		this,
		'POST',
		'/search/keyword',
		{
			from,
			limit: SEARCH_PAGE_SIZE,
			searchTerm: [term ? (term.includes('*') ? term : `*${term}*`) : '*'],
			keywordSearchField: 'filename',
			operation: 'AND',
			sortBy: [{ metadataDefinitionSearchField: 'lastUpdatedEpoch', order: 'desc' }],
			excludes: ['technicalMetadataDocument', 'metadataDocument.text_content'],
		},
		{ idempotent: true },
	);
	const result = (Array.isArray(response.result) ? response.result : []) as IDataObject[];
	const next = from + SEARCH_PAGE_SIZE;
	return {
		results: result
			.filter((asset) => typeof asset.objectId === 'string')
			.map((asset) => ({
				name: String(asset.filename ?? asset.objectId),
				value: String(asset.objectId),
			})),
		paginationToken:
			result.length === SEARCH_PAGE_SIZE && next < SEARCH_WINDOW ? String(next) : undefined,
	};
}
