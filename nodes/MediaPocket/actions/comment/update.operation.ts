import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { commentIdProperty, commentPath, commentTextProperty } from './shared';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getText, recordOf } from '../../helpers/utils';
import { mediaPocketRequest } from '../../transport';

export const option = {
	name: 'Update',
	description: 'Change one of your comments',
	action: 'Update a comment',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['comment'],
			operation: ['update'],
		},
	},
	[
		assetLocator,
		commentIdProperty,
		commentTextProperty('New text of the comment (only its author may change it)'),
	],
);

/** Media Pocket updates comments with POST, and only for the comment's author (403 otherwise). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path } = commentPath.call(this, i);
	const comment = getText.call(this, 'comment', i, 'Comment');
	const response = await mediaPocketRequest.call(this, 'POST', path, {
		body: { comment },
		itemIndex: i,
		// Setting the same text again changes nothing: safe to repeat after a lost answer.
		idempotent: true,
	});
	return jsonItems(recordOf(response, 'comment'));
}
