import type { INodeProperties } from 'n8n-workflow';

import * as addAsset from './addAsset.operation';
import * as getAll from './getAll.operation';

export { addAsset, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['category'] } },
		options: [
			{
				name: 'Add Asset',
				value: 'addAsset',
				description: 'Add an asset to one or more categories',
				action: 'Add an asset to categories',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the categories of the library',
				action: 'Get many categories',
			},
		],
		default: 'getAll',
	},
	...addAsset.description,
	...getAll.description,
];
