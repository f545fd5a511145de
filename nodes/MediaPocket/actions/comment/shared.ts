import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, WHOLE_NUMBER } from '../../../shared/ids';
import { getAssetId } from '../../helpers/ids';
import { assetPath } from '../../transport';

export const commentIdProperty: INodeProperties = {
	displayName: 'Comment ID',
	name: 'commentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 42',
	description: 'ID of the comment ("Get Many" lists them)',
};

export function commentTextProperty(description: string): INodeProperties {
	return {
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description,
	};
}

/** The path of the comment an operation works on (asset and comment ID checked), and its ID. */
export function commentPath(
	this: IExecuteFunctions,
	i: number,
): { assetId: string; commentId: string; path: string } {
	const assetId = getAssetId.call(this, i);
	const commentId = getId.call(this, 'commentId', i, { ...WHOLE_NUMBER, label: 'Comment ID' });
	return { assetId, commentId, path: assetPath(assetId, 'comments', commentId) };
}
