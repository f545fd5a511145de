import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commentIdProperty } from './shared';
import { assetLocator } from '../../helpers/descriptions';
import { getId, getNumericId } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['comment'], operation: ['delete'] }),
	commentIdProperty(['delete']),
];

/** Only the comment's author may delete it (403 otherwise). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const commentId = getNumericId.call(this, 'commentId', 'Comment ID', i);
	const response = await mediaPocketRequest.call(
		this,
		'DELETE',
		assetPath(assetId, 'comments', commentId),
		{ itemIndex: i },
	);
	return {
		deleted: true,
		asset_id: assetId,
		comment_id: Number(commentId),
		message: response.ok ?? null,
	};
}
