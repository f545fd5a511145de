import type { INodeProperties } from 'n8n-workflow';

import * as archive from './archive.operation';
import * as createFolder from './createFolder.operation';
import * as createPlaceholder from './createPlaceholder.operation';
import * as get from './get.operation';
import * as getDetail from './getDetail.operation';
import * as getJobHistory from './getJobHistory.operation';
import * as getParentFolders from './getParentFolders.operation';
import * as listFolder from './listFolder.operation';
import * as restore from './restore.operation';
import * as search from './search.operation';
import * as update from './update.operation';
import * as upload from './upload.operation';
import * as uploadRelated from './uploadRelated.operation';

export {
	archive,
	createFolder,
	createPlaceholder,
	get,
	getDetail,
	getJobHistory,
	getParentFolders,
	listFolder,
	restore,
	search,
	update,
	upload,
	uploadRelated,
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
				name: 'Archive',
				value: 'archive',
				description: 'Move a file to archival storage',
				action: 'Archive an asset',
			},
			{
				name: 'Create Folder',
				value: 'createFolder',
				description: 'Create a folder',
				action: 'Create a folder',
			},
			{
				name: 'Create Placeholder',
				value: 'createPlaceholder',
				description: 'Reserve an asset for a file uploaded later',
				action: 'Create a placeholder',
			},
			{ name: 'Get', value: 'get', description: 'Get an asset', action: 'Get an asset' },
			{
				name: 'Get Detail',
				value: 'getDetail',
				description: 'Get the full detail of an asset',
				action: 'Get asset detail',
			},
			{
				name: 'Get Job History',
				value: 'getJobHistory',
				description: 'Get the processing jobs of an asset',
				action: 'Get the job history of an asset',
			},
			{
				name: 'Get Parent Folders',
				value: 'getParentFolders',
				description: 'Get the folders above an asset',
				action: 'Get the parent folders of an asset',
			},
			{
				name: 'List Folder',
				value: 'listFolder',
				description: 'List the contents of a folder',
				action: 'List a folder',
			},
			{
				name: 'Restore',
				value: 'restore',
				description: 'Restore an archived file',
				action: 'Restore an asset',
			},
			{ name: 'Search', value: 'search', description: 'Search assets', action: 'Search assets' },
			{
				name: 'Update',
				value: 'update',
				description: 'Update the properties of an asset',
				action: 'Update an asset',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload a file from a binary field',
				action: 'Upload a file',
			},
			{
				name: 'Upload Related File',
				value: 'uploadRelated',
				description: 'Upload a subtitle, proxy, thumbnail or other related file to an asset',
				action: 'Upload a related file',
			},
		],
		default: 'get',
	},
	...archive.description,
	...createFolder.description,
	...createPlaceholder.description,
	...get.description,
	...getDetail.description,
	...getJobHistory.description,
	...getParentFolders.description,
	...listFolder.description,
	...restore.description,
	...search.description,
	...update.description,
	...upload.description,
	...uploadRelated.description,
];
