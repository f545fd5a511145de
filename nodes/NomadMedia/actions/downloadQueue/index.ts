import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as createArchive from './createArchive.operation';
import * as remove from './remove.operation';
import * as update from './update.operation';

export { add, createArchive, remove, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['downloadQueue'] } },
		options: [
			{
				name: 'Add Assets',
				value: 'add',
				description: 'Add files, folders or collections to your download queue',
				action: 'Add assets to the download queue',
			},
			{
				name: 'Create ZIP Archive',
				value: 'createArchive',
				description: 'Build a ZIP archive of several assets for download',
				action: 'Create a ZIP archive',
			},
			{
				name: 'Remove Items',
				value: 'remove',
				description: 'Remove entries from the download queue',
				action: 'Remove download queue items',
			},
			{
				name: 'Update Item',
				value: 'update',
				description: 'Update the transfer status of a queue entry',
				action: 'Update a download queue item',
			},
		],
		default: 'add',
	},
	...add.description,
	...createArchive.description,
	...remove.description,
	...update.description,
];
