import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as createMetadataOnly from './createMetadataOnly.operation';
import * as createVersion from './createVersion.operation';
import * as deleteAsset from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as search from './search.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = {
	create: create.execute,
	createMetadataOnly: createMetadataOnly.execute,
	createVersion: createVersion.execute,
	delete: deleteAsset.execute,
	download: download.execute,
	get: get.execute,
	search: search.execute,
	update: update.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['asset'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an asset from a file (large files go up in 100 MB parts)',
				action: 'Create an asset',
			},
			{
				name: 'Create Metadata-Only',
				value: 'createMetadataOnly',
				description: 'Create an asset without content',
				action: 'Create an asset without content',
			},
			{
				name: 'Create Version',
				value: 'createVersion',
				description: 'Upload a file as the new version of an asset',
				action: 'Create a new version of an asset',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Move an asset to the recycle bin',
				action: 'Delete an asset',
			},
			{
				name: 'Download',
				value: 'download',
				description: 'Download the original file of an asset',
				action: 'Download an asset',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an asset with its metadata',
				action: 'Get an asset',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Search assets by keyword',
				action: 'Search assets',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update the metadata or security templates of an asset',
				action: 'Update an asset',
			},
		],
		default: 'search',
	},
	...create.description,
	...createVersion.description,
	...createMetadataOnly.description,
	...get.description,
	...search.description,
	...update.description,
	...deleteAsset.description,
	...download.description,
];
