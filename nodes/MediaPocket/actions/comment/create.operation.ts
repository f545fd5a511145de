import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { commentTextProperty } from './shared';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { getText, recordOf } from '../../helpers/utils';
import { assetPath, mediaPocketCreate } from '../../transport';

export const option = {
	name: 'Create',
	description: 'Comment on an asset',
	action: 'Create a comment',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['comment'],
			operation: ['create'],
		},
	},
	[
		assetLocator,
		commentTextProperty('Text of the comment; mention users with @ and their email address'),
	],
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getAssetId.call(this, i);
	const comment = getText.call(this, 'comment', i, 'Comment');
	const response = await mediaPocketCreate.call(
		this,
		assetPath(assetId, 'comments'),
		i,
		"created the comment (see the asset's comments: Comment > Get Many)",
		{ comment },
	);
	return jsonItems(recordOf(response, 'comment'));
}
