import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { MAX_RESULT_WINDOW, wwGet, wwSearch } from '../transport';

/** Entries per page of the list: fewer than a search page, the list loads as the user scrolls. */
const LIST_PAGE_SIZE = 50;

/** Assets for the "From List" mode: the filter is a query (free text or field:value). */
export async function searchAssets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const start = Number(paginationToken ?? 0) || 0;
	const query = filter?.trim() ? filter.trim() : '*:*';
	const page = await wwSearch.call(this, {
		q: query,
		start,
		num: LIST_PAGE_SIZE,
		sort: 'assetModified-desc',
		metadataToReturn: 'assetPath,filename',
	});
	const hits = page.hits ?? [];
	const results: INodeListSearchItems[] = hits.map((hit) => ({
		name: String(hit.metadata?.assetPath ?? hit.metadata?.filename ?? hit.id),
		value: hit.id,
	}));
	const next = start + hits.length;
	const more =
		hits.length === LIST_PAGE_SIZE &&
		next < Number(page.totalHits ?? 0) &&
		next < MAX_RESULT_WINDOW;
	return { results, paginationToken: more ? String(next) : undefined };
}

interface BrowseEntry {
	assetPath: string;
	name: string;
	directory?: boolean;
}

/**
 * Folders for the "From List" mode. The filter navigates: "/Demo Zone/Im" lists the folders of
 * /Demo Zone whose name contains "Im"; without a slash it filters the top-level folders.
 */
export async function searchFolders(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
	const slash = text.lastIndexOf('/');
	const parent = slash > 0 ? text.slice(0, slash) : '/';
	const namePart = (slash >= 0 ? text.slice(slash + 1) : text).toLowerCase();
	const entries = (await wwGet.call(this, '/services/browse', {
		path: parent,
		includeFolders: true,
		includeAssets: false,
	})) as BrowseEntry[];
	const results: INodeListSearchItems[] = [];
	if (parent !== '/' && namePart === '') results.push({ name: parent, value: parent });
	for (const entry of Array.isArray(entries) ? entries : []) {
		if (entry.directory === false) continue;
		if (namePart && !String(entry.name).toLowerCase().includes(namePart)) continue;
		results.push({ name: entry.assetPath, value: entry.assetPath });
	}
	return { results };
}
