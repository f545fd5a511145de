import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { collectPages, getLimit } from '../../../shared/pagination';
import { SEARCH_PAGE_SIZE, SEARCH_WINDOW, filterString, getString } from '../../helpers/utils';
import { tenovosRequest } from '../../transport';
import { assetOperation } from './common';

const choices = (pairs: Array<[string, string]>) => pairs.map(([name, value]) => ({ name, value }));

/** The metadata filters and the search scope, shared with the Tenovos Trigger. */
export const searchFiltersField: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'fixedCollection',
	placeholder: 'Add Filter',
	typeOptions: { multipleValues: true },
	default: {},
	description: 'Only assets whose metadata field has this value',
	options: [
		{
			displayName: 'Filter',
			name: 'filter',
			values: [
				{
					displayName: 'Field Name',
					name: 'attribute',
					type: 'string',
					default: '',
					placeholder: 'Asset Type',
					description: 'The display name of the metadata field',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'Photo',
				},
			],
		},
	],
};

export const searchInField: INodeProperties = {
	displayName: 'Search In',
	name: 'searchIn',
	type: 'options',
	options: choices([
		['All Fields', 'all'],
		['Asset ID', 'assetId'],
		['Content', 'content'],
		['File Name', 'filename'],
		['Metadata', 'metadata'],
	]),
	default: 'all',
	description: 'Where the search term must match',
};

const searchOptions = optionsCollection([
	searchFiltersField,
	{
		displayName: 'Include Deleted',
		name: 'includeDeleted',
		type: 'boolean',
		default: false,
		description: 'Whether to include assets in the recycle bin',
	},
	{
		displayName: 'Include Versions',
		name: 'includeVersions',
		type: 'boolean',
		default: false,
		description: 'Whether to include earlier versions, not only current ones',
	},
	searchInField,
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'string',
		default: 'lastUpdatedEpoch',
		description: 'CreatedEpoch, lastUpdatedEpoch, or the search field of a sortable metadata field',
	},
	{
		displayName: 'Sort Order',
		name: 'sortOrder',
		type: 'options',
		options: choices([
			['Ascending', 'asc'],
			['Descending', 'desc'],
		]),
		default: 'desc',
	},
]);

export const description = assetOperation('search', [
	{
		displayName: 'Search Term',
		name: 'searchTerm',
		type: 'string',
		default: '',
		placeholder: 'apples*',
		description: 'Keywords to search for (* is a wildcard). Leave empty to match every asset.',
	},
	...returnAllAndLimit(),
	searchOptions,
]);

/** The keyword-search body for item `i`, without paging. */
function searchBody(this: IExecuteFunctions, i: number): IDataObject {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const term = getString.call(this, 'searchTerm', i);
	const body: IDataObject = {
		searchTerm: [term || '*'],
		operation: 'AND',
		includeDeleted: options.includeDeleted === true,
		includeVersions: options.includeVersions === true,
		sortBy: [
			{
				metadataDefinitionSearchField: String(options.sortBy ?? '').trim() || 'lastUpdatedEpoch',
				order: options.sortOrder === 'asc' ? 'asc' : 'desc',
			},
		],
	};
	if (options.searchIn && options.searchIn !== 'all') body.keywordSearchField = options.searchIn;
	const filters = ((options.filters as IDataObject | undefined)?.filter ?? []) as IDataObject[];
	const strings = filters
		.filter((f) => String(f.attribute ?? '').trim() !== '')
		.map((f) => filterString(String(f.attribute).trim(), String(f.value ?? '')));
	if (strings.length) body.filters = strings;
	return body;
}

/**
 * Keyword search with offset paging. Tenovos' hitCount is the length of the page, so paging goes
 * on while pages come back full, up to the 10,000-result window the search serves.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const body = searchBody.call(this, i);
	const limit = getLimit.call(this, i);
	const assets = await collectPages<IDataObject, number>(async (from = 0, wanted) => {
		const size = Math.min(SEARCH_PAGE_SIZE, wanted ?? SEARCH_PAGE_SIZE, SEARCH_WINDOW - from);
		if (size <= 0) return { items: [] };
		const page = await tenovosRequest.call(
			this,
			'POST',
			'/search/keyword',
			{ ...body, from, limit: size },
			{ itemIndex: i, idempotent: true },
		);
		const items = (Array.isArray(page.result) ? page.result : []) as IDataObject[];
		const next =
			items.length >= size && from + items.length < SEARCH_WINDOW ? from + items.length : undefined;
		return { items, next };
	}, limit);
	return jsonItems(assets);
}

/** Its entry in the Operation dropdown. */
export const option = {
	name: 'Search',
	description: 'Search assets by keyword',
	action: 'Search assets',
};
