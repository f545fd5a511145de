import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['history'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the history events of an asset',
				action: 'Get the history of an asset',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
