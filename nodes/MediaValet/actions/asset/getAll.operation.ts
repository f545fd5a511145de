import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems, type OperationItems } from '../../../shared/items';
import { getLimit } from '../../../shared/pagination';
import { CATEGORY_ID, isIdOf } from '../../helpers/ids';
import { assetOutput } from '../../helpers/utils';
import { pagedList } from '../../transport';
import { includeMediaUrlsOption } from '../common.descriptions';

/** Largest page asked for: MediaValet's default is 50. */
const PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'searchText',
		type: 'string',
		default: '',
		placeholder: 'e.g. sunset',
		description:
			'Free-text search over titles, descriptions, file names and keywords. Leave empty to list all assets.',
	},
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Asset Type',
				name: 'assetType',
				type: 'options',
				options: [
					{ name: 'Audio', value: 'Audio' },
					{ name: 'Document', value: 'Document' },
					{ name: 'Image', value: 'Image' },
					{ name: 'Video', value: 'Video' },
				],
				default: 'Image',
				description: 'Only assets of this type',
			},
			{
				displayName: 'Category Name or ID',
				name: 'categoryId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCategories' },
				default: '',
				description:
					'Only assets in this category (and its subcategories). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Filter Expression',
				name: 'filterExpression',
				type: 'string',
				default: '',
				placeholder: '(AssetType EQ Image)',
				description: 'A raw MediaValet filter expression, combined with the other filters by AND',
			},
			{
				displayName: 'Include Deleted',
				name: 'includeSoftDeleted',
				type: 'boolean',
				default: false,
				description: 'Whether to include assets in the recycle bin',
			},
		],
	},
	optionsCollection([
		includeMediaUrlsOption,
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'string',
			default: '',
			placeholder: 'e.g. record.createdAt D',
			description:
				'A MediaValet sort expression: a field followed by A (ascending) or D (descending)',
		},
	]),
];

/** The query MediaValet's GET /assets takes for the chosen search text and filters (the trigger uses it too). */
export function assetQuery(searchText: string, filters: IDataObject, sort?: string): IDataObject {
	const qs: IDataObject = {};
	if (searchText.trim()) qs.search = searchText.trim();
	const expressions: string[] = [];
	if (filters.assetType) expressions.push(`(AssetType EQ ${String(filters.assetType)})`);
	if (typeof filters.filterExpression === 'string' && filters.filterExpression.trim()) {
		const raw = filters.filterExpression.trim();
		expressions.push(raw.startsWith('(') ? raw : `(${raw})`);
	}
	if (expressions.length) qs.filters = expressions.join(' AND ');
	if (filters.categoryId) {
		const id = String(filters.categoryId).trim();
		qs.containerfilter = `(CategoryIds/ANY(c: c EQ '${id}') OR CategoryAncestorIds/ANY(c: c EQ '${id}'))`;
	}
	if (filters.includeSoftDeleted) qs.includeSoftDeleted = true;
	if (sort && sort.trim()) qs.sort = sort.trim();
	return qs;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<OperationItems> {
	const searchText = this.getNodeParameter('searchText', i, '') as string;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	if (
		filters.categoryId !== undefined &&
		filters.categoryId !== '' &&
		!isIdOf(CATEGORY_ID, String(filters.categoryId).trim())
	) {
		// It goes into MediaValet's filter expression: a UUID or nothing.
		throw new NodeOperationError(
			this.getNode(),
			`"${String(filters.categoryId)}" in "Filters → Category" is not a MediaValet category ID`,
			{
				itemIndex: i,
			},
		);
	}
	const limit = getLimit.call(this, i);
	const qs = assetQuery(searchText, filters, options.sort as string | undefined);
	const assets = await pagedList.call(
		this,
		{ url: '/assets', property: 'assets', qs, pageSize: PAGE_SIZE },
		limit,
		i,
	);
	return jsonItems(assets.map((asset) => assetOutput(asset, options.includeMediaUrls === true)));
}

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['getAll'] } },
	properties,
);

export const option = {
	name: 'Get Many',
	description: 'Search or list assets',
	action: 'Get many assets',
};
