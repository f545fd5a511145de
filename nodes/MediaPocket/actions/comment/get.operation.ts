import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commentIdProperty } from './shared';
import { assetLocator } from '../../helpers/descriptions';
import { getId, getNumericId } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['comment'], operation: ['get'] }),
	commentIdProperty(['get']),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const commentId = getNumericId.call(this, 'commentId', 'Comment ID', i);
	const response = await mediaPocketRequest.call(
		this,
		'GET',
		assetPath(assetId, 'comments', commentId),
		{ itemIndex: i },
	);
	return (response.comment as IDataObject) ?? response;
}
