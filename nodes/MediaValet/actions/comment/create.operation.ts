import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { actOnce } from '../../../shared/flow';
import { getId } from '../../../shared/ids';
import { jsonItems, type OperationItems } from '../../../shared/items';
import { ASSET } from '../../helpers/ids';
import { listComments } from '../../helpers/utils';
import { field, mediaValetApi, mvRequest } from '../../transport';
import { assetLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	assetLocator,
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'Text of the comment',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<OperationItems> {
	const assetId = getId.call(this, 'assetId', i, ASSET);
	const text = (this.getNodeParameter('comment', i, '') as string).trim();
	if (!text) {
		throw new NodeOperationError(this.getNode(), 'The "Comment" parameter is empty', {
			itemIndex: i,
		});
	}
	// Sent once: a repeat after a lost answer would store the comment twice.
	await actOnce(this, {
		service: mediaValetApi.service,
		itemIndex: i,
		work: async () =>
			await mvRequest.call(
				this,
				{ method: 'POST', url: `/assets/${assetId}/comments`, body: [text] },
				{ itemIndex: i, commit: true },
			),
		mayHave: `stored the comment on asset ${assetId}`,
	});
	// MediaValet answers 201 without the comment: read it back to return its ID and author.
	const mine = (await listComments.call(this, assetId, i)).filter(
		(comment) => field(comment, 'comment') === text,
	);
	return jsonItems(mine.length ? mine[mine.length - 1] : { assetId, comment: text });
}

export const description = updateDisplayOptions(
	{ show: { resource: ['comment'], operation: ['create'] } },
	properties,
);

export const option = {
	name: 'Create',
	description: 'Add a comment to an asset',
	action: 'Add a comment to an asset',
};
