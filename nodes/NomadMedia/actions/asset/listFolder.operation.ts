import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { getLimit } from '../../../shared/pagination';
import {
	assetTypeFilter,
	filtersCollection,
	nomadLocator,
	sortOptions,
} from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { equalsFilter, searchAll, sortOf } from '../../helpers/search';

export const option = {
	name: 'List Folder',
	description: 'List the contents of a folder',
	action: 'List a folder',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['listFolder'],
		},
	},
	[
		nomadLocator('folder', {
			displayName: 'Folder',
			name: 'folderId',
			description: 'The folder or bucket to list',
		}),
		{
			displayName: 'Include Subfolders',
			name: 'includeSubfolders',
			type: 'boolean',
			default: false,
			description:
				'Whether to list everything below the folder instead of only its direct children',
		},
		...returnAllAndLimit(),
		filtersCollection([assetTypeFilter]),
		optionsCollection(sortOptions),
	],
);

/** The folder's children (or all descendants) through POST /admin/search, page after page. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const folderId = getGuid.call(this, 'folderId', i, 'Folder');
	const recursive = this.getNodeParameter('includeSubfolders', i, false) as boolean;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const assets = await searchAll.call(
		this,
		{
			filters: [
				...equalsFilter(recursive ? 'uuidSearchField' : 'parentId', folderId),
				...equalsFilter('assetType', filters.assetType),
			],
			...sortOf(options),
		},
		getLimit.call(this, i),
		i,
	);
	return jsonItems(assets);
}
