import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, delete: del, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['comment'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Comment on an asset',
				action: 'Create a comment',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete one of your comments',
				action: 'Delete a comment',
			},
			{ name: 'Get', value: 'get', description: 'Get a comment', action: 'Get a comment' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the comments on an asset',
				action: 'Get many comments',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change one of your comments',
				action: 'Update a comment',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
