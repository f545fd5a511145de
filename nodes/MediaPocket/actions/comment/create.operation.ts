import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { commentTextProperty } from './shared';
import { assetLocator } from '../../helpers/descriptions';
import { getId } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['comment'], operation: ['create'] }),
	commentTextProperty(
		['create'],
		'Text of the comment; mention users with @ and their email address',
	),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const comment = String(this.getNodeParameter('comment', i, ''));
	if (!comment.trim())
		throw new NodeOperationError(this.getNode(), 'The parameter "Comment" is empty', {
			itemIndex: i,
		});
	const response = await mediaPocketRequest.call(this, 'POST', assetPath(assetId, 'comments'), {
		body: { comment },
		itemIndex: i,
		creates: { what: 'comment', check: "the asset's comments (Comment > Get Many)" },
	});
	return (response.comment as IDataObject) ?? response;
}
