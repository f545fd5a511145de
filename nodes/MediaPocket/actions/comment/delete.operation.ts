import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { commentIdProperty, commentPath } from './shared';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { mediaPocketRequest } from '../../transport';

export const option = {
	name: 'Delete',
	description: 'Delete one of your comments',
	action: 'Delete a comment',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['comment'],
			operation: ['delete'],
		},
	},
	[assetLocator, commentIdProperty],
);

/** Only the comment's author may delete it (403 otherwise). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { assetId, commentId, path } = commentPath.call(this, i);
	const response = await mediaPocketRequest.call(this, 'DELETE', path, { itemIndex: i });
	return jsonItems({
		deleted: true,
		asset_id: assetId,
		comment_id: Number(commentId),
		message: (response.ok as string | undefined) ?? null,
	});
}
