import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { commentIdProperty, commentPath } from './shared';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { recordOf } from '../../helpers/utils';
import { mediaPocketRequest } from '../../transport';

export const option = { name: 'Get', description: 'Get a comment', action: 'Get a comment' };

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['comment'],
			operation: ['get'],
		},
	},
	[assetLocator, commentIdProperty],
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path } = commentPath.call(this, i);
	const response = await mediaPocketRequest.call(this, 'GET', path, { itemIndex: i });
	return jsonItems(recordOf(response, 'comment'));
}
