import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { nextOffset } from '../../shared/pagination';
import { field, listOf, mvRequest, totalOf } from '../transport';

const PAGE = 50;

/** Assets for the "Asset" resource locator: MediaValet's own search, 50 at a time. */
export async function searchAssets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const qs: IDataObject = { count: PAGE, offset };
	if (filter && filter.trim()) qs.search = filter.trim();
	const body = await mvRequest.call(this, { method: 'GET', url: '/assets', qs });
	const assets = listOf(body, 'assets');
	const next = nextOffset(offset, assets.length, PAGE, totalOf(body));
	return {
		results: assets.map((asset) => {
			const fileName = field(field(asset, 'file'), 'fileName') as string | undefined;
			const title =
				(field(asset, 'title') as string | undefined) || fileName || String(field(asset, 'id'));
			return {
				name: fileName && fileName !== title ? `${title} (${fileName})` : title,
				value: String(field(asset, 'id')),
			};
		}),
		paginationToken: next === undefined ? undefined : String(next),
	};
}
