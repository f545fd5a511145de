import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectPages, nextOffset } from '../../../shared/pagination';
import { getInteger } from '../../../shared/parameters';
import { metadataToReturnOption } from '../../helpers/descriptions';
import { getMetadataToReturn } from '../../helpers/utils';
import { MAX_RESULT_WINDOW, type Hit, type SearchResponse, wwGet } from '../../transport';

const PAGE_SIZE = 100;
const show = { resource: ['asset'], operation: ['search'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '*:*',
		required: true,
		placeholder: 'e.g. status:Production AND tags:beach',
		description:
			'WoodWing Assets query, e.g. <code>ancestorPaths:"/Demo Zone" assetDomain:image</code>. <code>*:*</code> matches every asset.',
		displayOptions: { show },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		hint: 'WoodWing Assets returns at most the first 10,000 results of a search',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1, maxValue: MAX_RESULT_WINDOW },
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			metadataToReturnOption,
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: 'assetCreated-desc',
				placeholder: 'e.g. assetModified-desc,name-asc',
				description: 'Comma-separated fields, each with -asc or -desc, or <code>relevance</code>',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const query = (this.getNodeParameter('query', i) as string).trim() || '*:*';
	const sort =
		(this.getNodeParameter('options.sort', i, 'assetCreated-desc') as string).trim() || undefined;
	const metadataToReturn = getMetadataToReturn.call(this, i) || 'all';
	// The editor stops Limit at the result window; an expression is checked here.
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll
		? undefined
		: getInteger.call(this, 'limit', i, {
				label: 'Limit',
				min: 1,
				max: MAX_RESULT_WINDOW,
				fallback: 50,
			});

	let totalHits = 0;
	const hits = await collectPages<Hit, number>(
		async (start = 0, wanted) => {
			const room = MAX_RESULT_WINDOW - start;
			if (room <= 0) return { items: [] };
			const num = Math.min(PAGE_SIZE, wanted ?? PAGE_SIZE, room);
			const page = await wwGet.call<
				IExecuteFunctions,
				Parameters<typeof wwGet>,
				Promise<SearchResponse>
			>(
				this,
				'/services/search',
				{ q: query, start, num, sort, metadataToReturn },
				{ itemIndex: i },
			);
			totalHits = Number(page.totalHits ?? 0);
			const items = page.hits ?? [];
			return {
				items,
				next: nextOffset(start, items.length, num, Math.min(totalHits, MAX_RESULT_WINDOW)),
			};
		},
		limit,
		0,
	);

	if (limit === undefined && totalHits > MAX_RESULT_WINDOW) {
		this.addExecutionHints({
			message: `The query matched ${totalHits} assets, but WoodWing Assets returns only the first ${MAX_RESULT_WINDOW} results of a search. Narrow the query (e.g. by folder or date) to reach the rest.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	return hits;
}
