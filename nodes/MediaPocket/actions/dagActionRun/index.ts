import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dagActionRun'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a run of a DAG action',
				action: 'Get a DAG action run',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the DAG action runs of an asset',
				action: 'Get many DAG action runs',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
