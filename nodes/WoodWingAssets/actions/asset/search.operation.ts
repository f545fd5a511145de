import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { collectPages, nextOffset } from '../../../shared/pagination';
import { getInteger } from '../../../shared/parameters';
import { metadataToReturnOption } from '../../helpers/descriptions';
import { getMetadataToReturn } from '../../helpers/utils';
import { type Hit, MAX_RESULT_WINDOW, PAGE_SIZE, wwSearch } from '../../transport';

const [returnAll, limit] = returnAllAndLimit({ maxLimit: MAX_RESULT_WINDOW });

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['search'] } },
	[
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			default: '*:*',
			required: true,
			placeholder: 'e.g. status:Production AND tags:beach',
			description:
				'WoodWing Assets query, e.g. <code>ancestorPaths:"/Demo Zone" assetDomain:image</code>. <code>*:*</code> matches every asset.',
		},
		{ ...returnAll, hint: 'WoodWing Assets returns at most the first 10,000 results of a search' },
		limit,
		optionsCollection([
			metadataToReturnOption,
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: 'assetCreated-desc',
				placeholder: 'e.g. assetModified-desc,name-asc',
				description: 'Comma-separated fields, each with -asc or -desc, or <code>relevance</code>',
			},
		]),
	],
);

export const option = {
	name: 'Search',
	description: 'Find assets with a query',
	action: 'Search assets',
};

/** Limit, or undefined for Return All: the editor stops Limit at the result window, an expression is checked here. */
function getSearchLimit(this: IExecuteFunctions, i: number): number | undefined {
	if (this.getNodeParameter('returnAll', i, false) as boolean) return undefined;
	const rule = { label: 'Limit', min: 1, max: MAX_RESULT_WINDOW, fallback: 50 };
	return getInteger.call(this, 'limit', i, rule);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const q = (this.getNodeParameter('query', i) as string).trim() || '*:*';
	const sort =
		(this.getNodeParameter('options.sort', i, 'assetCreated-desc') as string).trim() || undefined;
	const metadataToReturn = getMetadataToReturn.call(this, i) || 'all';
	const wantedTotal = getSearchLimit.call(this, i);

	let totalHits = 0;
	const hits = await collectPages<Hit, number>(
		async (start = 0, wanted) => {
			const room = MAX_RESULT_WINDOW - start;
			if (room <= 0) return { items: [] };
			const num = Math.min(PAGE_SIZE, wanted ?? PAGE_SIZE, room);
			const page = await wwSearch.call(this, { q, start, num, sort, metadataToReturn }, i);
			totalHits = Number(page.totalHits ?? 0);
			const items = page.hits ?? [];
			const reachable = Math.min(totalHits, MAX_RESULT_WINDOW);
			return { items, next: nextOffset(start, items.length, num, reachable) };
		},
		wantedTotal,
		0,
	);

	if (wantedTotal === undefined && totalHits > MAX_RESULT_WINDOW) {
		this.addExecutionHints({
			message: `The query matched ${totalHits} assets, but WoodWing Assets returns only the first ${MAX_RESULT_WINDOW} results of a search. Narrow the query (e.g. by folder or date) to reach the rest.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	return jsonItems(hits);
}
