import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { tenovosRequest } from '../transport';

const PAGE = 50;

/** Assets by file name for the "Asset" locator, most recently updated first. */
export async function searchAssets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const from = Number(paginationToken ?? 0) || 0;
	const term = (filter ?? '').trim();
	const response = await tenovosRequest.call(
		this,
		'POST',
		'/search/keyword',
		{
			from,
			limit: PAGE,
			searchTerm: [term ? (term.includes('*') ? term : `*${term}*`) : '*'],
			keywordSearchField: 'filename',
			operation: 'AND',
			sortBy: [{ metadataDefinitionSearchField: 'lastUpdatedEpoch', order: 'desc' }],
			excludes: ['technicalMetadataDocument', 'metadataDocument.text_content'],
		},
		{ idempotent: true },
	);
	const result = (Array.isArray(response.result) ? response.result : []) as IDataObject[];
	return {
		results: result
			.filter((asset) => typeof asset.objectId === 'string')
			.map((asset) => ({
				name: String(asset.filename ?? asset.objectId),
				value: String(asset.objectId),
			})),
		paginationToken:
			result.length === PAGE && from + PAGE < 10_000 ? String(from + PAGE) : undefined,
	};
}
