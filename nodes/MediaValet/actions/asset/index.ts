import type { INodeProperties } from 'n8n-workflow';

import * as checkIn from './checkIn.operation';
import * as checkOut from './checkOut.operation';
import * as deleteAsset from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upload from './upload.operation';

export { checkIn, checkOut, deleteAsset as delete, download, get, getAll, update, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['asset'] } },
		options: [
			{
				name: 'Check In',
				value: 'checkIn',
				description: 'Upload a new version of a checked-out asset and check it in',
				action: 'Check in an asset',
			},
			{
				name: 'Check Out',
				value: 'checkOut',
				description: 'Lock an asset for editing, optionally downloading its file',
				action: 'Check out an asset',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an asset',
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
				description: 'Get an asset',
				action: 'Get an asset',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Search or list assets',
				action: 'Get many assets',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update the title, description, alt text or attributes of an asset',
				action: 'Update an asset',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload a file as a new asset',
				action: 'Upload an asset',
			},
		],
		default: 'get',
	},
	...checkIn.description,
	...checkOut.description,
	...deleteAsset.description,
	...download.description,
	...get.description,
	...getAll.description,
	...update.description,
	...upload.description,
];
