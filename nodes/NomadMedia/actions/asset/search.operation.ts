import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { getLimit, returnAllOrLimit } from '../../../shared/pagination';
import { getOptionalGuid } from '../../helpers/ids';
import { ASSET_STATUSES } from '../../helpers/output';
import { searchAll, type SearchFilter } from '../../helpers/search';

const show = { resource: ['asset'], operation: ['search'] };

export const assetTypeOptions: INodePropertyOptions[] = [
	{ name: 'Bucket', value: 'Bucket' },
	{ name: 'File', value: 'File' },
	{ name: 'Folder', value: 'Folder' },
];

export const sortOptions: INodeProperties[] = [
	{
		displayName: 'Sort By',
		name: 'sortField',
		type: 'options',
		options: [
			{ name: 'Created Date', value: 'createdDate' },
			{ name: 'Last Modified Date', value: 'lastModifiedDate' },
			{ name: 'Size', value: 'contentLength' },
			{ name: 'Title', value: 'title' },
		],
		default: 'title',
		description: 'Field to sort the results by',
	},
	{
		displayName: 'Descending',
		name: 'sortDescending',
		type: 'boolean',
		default: false,
		description: 'Whether to sort from the highest to the lowest value',
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'searchQuery',
		type: 'string',
		default: '',
		placeholder: 'interview',
		description:
			'Words to search for in asset names and metadata. Leave empty to match every asset the filters allow.',
		displayOptions: { show },
	},
	...returnAllOrLimit('asset', ['search']),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Asset Status',
				name: 'assetStatus',
				type: 'options',
				options: Object.keys(ASSET_STATUSES)
					.sort()
					.map((name) => ({
						name: `${name.replace(/([a-z])([A-Z])/g, '$1 $2')} (${ASSET_STATUSES[name]})`,
						value: name,
					})),
				default: 'Available',
				description: 'Only assets in this status',
			},
			{
				displayName: 'Asset Type',
				name: 'assetType',
				type: 'options',
				options: assetTypeOptions,
				default: 'File',
				description: 'Only assets of this type',
			},
			{
				displayName: 'Within Folder ID',
				name: 'folderId',
				type: 'string',
				default: '',
				placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
				description: 'Only assets anywhere below this folder (ID of a folder or bucket)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: sortOptions,
	},
];

/** POST /admin/search with paging: one item per matching asset. */
export async function execute(this: IExecuteFunctions, i: number) {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const searchFilters: SearchFilter[] = [];
	if (filters.assetType)
		searchFilters.push({
			fieldName: 'assetType',
			operator: 'Equals',
			values: String(filters.assetType),
		});
	if (filters.assetStatus)
		searchFilters.push({
			fieldName: 'assetStatus',
			operator: 'Equals',
			values: String(filters.assetStatus),
		});
	const folderId = getOptionalGuid.call(this, 'filters.folderId', i, 'Within Folder ID');
	if (folderId)
		searchFilters.push({ fieldName: 'uuidSearchField', operator: 'Equals', values: folderId });
	return await searchAll.call(
		this,
		{
			searchQuery: (this.getNodeParameter('searchQuery', i, '') as string).trim(),
			filters: searchFilters,
			sortField: (options.sortField as string) || undefined,
			sortDescending: options.sortDescending === true,
		},
		getLimit.call(this, i),
		i,
	);
}
