import type { INodeProperties } from 'n8n-workflow';

import * as run from './run.operation';

export { run };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['batchAction'] } },
		options: [
			{
				name: 'Run',
				value: 'run',
				description: 'Run a batch action on many assets',
				action: 'Run a batch action',
			},
		],
		default: 'run',
	},
	...run.description,
];
