import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLimit, returnAllOrLimit } from '../../../shared/pagination';
import { locator } from '../common';
import { getGuid } from '../../helpers/ids';
import { searchAll, type SearchFilter } from '../../helpers/search';
import { assetTypeOptions, sortOptions } from './search.operation';

const show = { resource: ['asset'], operation: ['listFolder'] };

export const description: INodeProperties[] = [
	locator('folder', {
		displayName: 'Folder',
		name: 'folderId',
		description: 'The folder or bucket to list',
		show,
	}),
	{
		displayName: 'Include Subfolders',
		name: 'includeSubfolders',
		type: 'boolean',
		default: false,
		description: 'Whether to list everything below the folder instead of only its direct children',
		displayOptions: { show },
	},
	...returnAllOrLimit('asset', ['listFolder']),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Asset Type',
				name: 'assetType',
				type: 'options',
				options: assetTypeOptions,
				default: 'File',
				description: 'Only assets of this type',
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

/** The folder's children (or all descendants) through POST /admin/search, page after page. */
export async function execute(this: IExecuteFunctions, i: number) {
	const folderId = getGuid.call(this, 'folderId', i, 'Folder');
	const recursive = this.getNodeParameter('includeSubfolders', i, false) as boolean;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const searchFilters: SearchFilter[] = [
		{ fieldName: recursive ? 'uuidSearchField' : 'parentId', operator: 'Equals', values: folderId },
	];
	if (filters.assetType)
		searchFilters.push({
			fieldName: 'assetType',
			operator: 'Equals',
			values: String(filters.assetType),
		});
	return await searchAll.call(
		this,
		{
			filters: searchFilters,
			sortField: (options.sortField as string) || undefined,
			sortDescending: options.sortDescending === true,
		},
		getLimit.call(this, i),
		i,
	);
}
