import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { commentIdProperty, commentTextProperty } from './shared';
import { assetLocator } from '../../helpers/descriptions';
import { getId, getNumericId } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['comment'], operation: ['update'] }),
	commentIdProperty(['update']),
	commentTextProperty(['update'], 'New text of the comment (only its author may change it)'),
];

/** Media Pocket updates comments with POST, and only for the comment's author (403 otherwise). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const commentId = getNumericId.call(this, 'commentId', 'Comment ID', i);
	const comment = String(this.getNodeParameter('comment', i, ''));
	if (!comment.trim())
		throw new NodeOperationError(this.getNode(), 'The parameter "Comment" is empty', {
			itemIndex: i,
		});
	const response = await mediaPocketRequest.call(
		this,
		'POST',
		assetPath(assetId, 'comments', commentId),
		{
			body: { comment },
			itemIndex: i,
			// Setting the same text again changes nothing: safe to repeat after a lost answer.
			idempotent: true,
		},
	);
	return (response.comment as IDataObject) ?? response;
}
