import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { getLimit } from '../../../shared/pagination';
import { assetTypeFilter, filtersCollection, sortOptions } from '../../helpers/descriptions';
import { getOptionalGuid } from '../../helpers/ids';
import { ASSET_STATUSES } from '../../helpers/output';
import { equalsFilter, searchAll, sortOf, type SearchFilter } from '../../helpers/search';

export const option = { name: 'Search', description: 'Search assets', action: 'Search assets' };

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['search'],
		},
	},
	[
		{
			displayName: 'Search Text',
			name: 'searchQuery',
			type: 'string',
			default: '',
			placeholder: 'interview',
			description:
				'Words to search for in asset names and metadata. Leave empty to match every asset the filters allow.',
		},
		...returnAllAndLimit(),
		filtersCollection([
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
			assetTypeFilter,
			{
				displayName: 'Within Folder ID',
				name: 'folderId',
				type: 'string',
				default: '',
				placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
				description: 'Only assets anywhere below this folder (ID of a folder or bucket)',
			},
		]),
		optionsCollection(sortOptions),
	],
);

/** POST /admin/search with paging: one item per matching asset. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const searchFilters: SearchFilter[] = [
		...equalsFilter('assetType', filters.assetType),
		...equalsFilter('assetStatus', filters.assetStatus),
		...equalsFilter(
			'uuidSearchField',
			getOptionalGuid.call(this, 'filters.folderId', i, 'Within Folder ID'),
		),
	];
	const assets = await searchAll.call(
		this,
		{
			searchQuery: (this.getNodeParameter('searchQuery', i, '') as string).trim(),
			filters: searchFilters,
			...sortOf(options),
		},
		getLimit.call(this, i),
		i,
	);
	return jsonItems(assets);
}
