import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getAll from './getAll.operation';

export { create, getAll };

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
				description: 'Add a comment to an asset',
				action: 'Add a comment to an asset',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the comments of an asset',
				action: 'Get many comments',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...getAll.description,
];
