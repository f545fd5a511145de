import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchPage, type SearchFilter } from '../helpers/search';

const PAGE_SIZE = 50;

function toResults(items: IDataObject[]): INodeListSearchResult['results'] {
	return items.map((item) => {
		const identifiers = (item.identifiers ?? {}) as IDataObject;
		const path = (identifiers.displayPath as string) || (item.title as string) || String(item.id);
		return { name: path, value: String(item.id) };
	});
}

async function search(
	this: ILoadOptionsFunctions,
	filters: SearchFilter[],
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await searchPage.call(
		this,
		{ searchQuery: filter?.trim() || undefined, filters, sortField: 'title' },
		paginationToken ?? 0,
		PAGE_SIZE,
	);
	return {
		results: toResults(page.items),
		paginationToken: page.next === undefined ? undefined : String(page.next),
	};
}

/** Assets of any type, matched by name. */
export async function searchAssets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await search.call(this, [], filter, paginationToken);
}

/** Folders and buckets (everything that is not a file), matched by name. */
export async function searchFolders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await search.call(
		this,
		[{ fieldName: 'assetType', operator: 'NotEquals', values: 'File' }],
		filter,
		paginationToken,
	);
}
