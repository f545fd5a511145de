import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as start from './start.operation';

export const operations = { getAll, start };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dagAction'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the DAG actions available for an asset',
				action: 'Get many DAG actions',
			},
			{
				name: 'Start',
				value: 'start',
				description: 'Start a DAG action on an asset, optionally waiting for the run to finish',
				action: 'Start a DAG action',
			},
		],
		default: 'start',
	},
	...getAll.description,
	...start.description,
];
